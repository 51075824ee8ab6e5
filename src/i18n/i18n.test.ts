import { describe, expect, it } from 'vitest';
import { catalogueKeys, negotiateLocale, supportedLocales, translator } from './i18n.js';
import { en } from './messages.en.js';

describe('message catalogue', () => {
  it('has every English key in every supported language', () => {
    for (const locale of supportedLocales) expect(catalogueKeys(locale).sort()).toEqual(Object.keys(en).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('error.generic', { requestId: 'req-1' })).toContain('req-1');
    expect(t('error.generic')).toContain('{requestId}');
  });

  it('negotiates a supported language and falls back to English', () => {
    expect(negotiateLocale('fr-CH, fr;q=0.9, en;q=0.8')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale(';;;,q=abc')).toBe('en');
  });
});
