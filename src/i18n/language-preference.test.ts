import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../test/auth-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { negotiateLocale } from './i18n.js';
import { languageCookie } from './language-preference.js';

const langOf = (page: string) => /<html lang="([^"]+)"/.exec(page)?.[1];

describe('language choice', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  }, 120_000);
  afterAll(async () => t?.close());

  it('negotiates German from Accept-Language', () => {
    expect(negotiateLocale('de-AT, de;q=0.9, en;q=0.5')).toBe('de');
    expect(negotiateLocale('fr, de;q=0.3')).toBe('de');
  });

  it('honours ?lang= before Accept-Language and remembers it in a strictly necessary cookie', async () => {
    const visitor = t.client();
    const first = await visitor.get('/privacy?lang=de', { 'accept-language': 'en' });
    expect(first.status).toBe(200);
    expect(langOf(await first.text())).toBe('de');
    const cookie = first.headers.getSetCookie().find((line) => line.startsWith(`${languageCookie}=`))!;
    expect(cookie).toMatch(/^custodian_lang=de;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const later = await visitor.get('/privacy/cookies', { 'accept-language': 'en' });
    expect(langOf(await later.text())).toBe('de');
    const back = await visitor.get('/privacy?lang=en', { 'accept-language': 'de' });
    expect(langOf(await back.text())).toBe('en');
    expect(visitor.cookies.get(languageCookie)).toBe('en');
  });

  it('ignores unsupported values and falls back to Accept-Language', async () => {
    const visitor = t.client();
    const page = await visitor.get('/privacy?lang=xx', { 'accept-language': 'de' });
    expect(langOf(await page.text())).toBe('de');
    expect(page.headers.getSetCookie().some((line) => line.startsWith(`${languageCookie}=`))).toBe(false);
    visitor.cookies.set(languageCookie, '<script>');
    expect(langOf(await (await visitor.get('/privacy', { 'accept-language': 'en' })).text())).toBe('en');
  });

  it('offers a language switcher on public pages that links to the same page', async () => {
    const page = await (await t.client().get('/privacy')).text();
    expect(page).toContain('href="/privacy?lang=de" hreflang="de" lang="de"');
    expect(page).toContain('href="/privacy?lang=en" hreflang="en" lang="en" aria-current="true"');
  });

  it('keeps a signed-in customer in their account language, whatever the cookie says', async () => {
    const customer = t.client();
    await signUpVerified(t, customer);
    customer.cookies.set(languageCookie, 'de');
    const account = await customer.get('/account', { 'accept-language': 'de' });
    expect(account.status).toBe(200);
    expect(langOf(await account.text())).toBe('en');
  });
});
