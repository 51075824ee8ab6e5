import { de } from './messages.de.js';
import { en, type Catalogue, type MessageKey } from './messages.en.js';

/** Adding a language is adding its catalogue here; missing keys fail i18n.test.ts. */
const catalogues: Record<string, Partial<Catalogue>> = { en, de };

export const supportedLocales = Object.keys(catalogues);
export const defaultLocale = 'en';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: string): Translate {
  const catalogue = catalogues[locale] ?? en;
  return (key, params) => {
    const template = catalogue[key] ?? en[key];
    return params ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : template;
  };
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q);
  return ranked.find((entry) => supportedLocales.includes(entry.tag))?.tag ?? defaultLocale;
}

export function catalogueKeys(locale: string): string[] {
  return Object.keys(catalogues[locale] ?? {});
}
