/**
 * The European Economic Area: the 27 EU member states (source: europa.eu, "EU countries",
 * https://european-union.europa.eu/principles-countries-history/eu-countries_en) plus Iceland,
 * Liechtenstein and Norway (EEA Agreement, OJ L 1, 3.1.1994, p. 3; https://www.efta.int/eea).
 * Transfers to any other country are third-country transfers under GDPR Chapter V.
 */
export const eeaCountries: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
]);

export function isEeaCountry(code: string): boolean {
  return eeaCountries.has(code);
}

/** Region codes ICU knows that are groupings or reserved, not ISO 3166-1 countries. */
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** True for an assigned ISO 3166-1 alpha-2 code (checked against the ICU region data Node ships). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || notCountries.has(code)) return false;
  return regionNames.of(code) !== undefined;
}

const namesByLocale = new Map<string, Intl.DisplayNames>([['en', regionNames]]);

/** The name of a country code in a language (English by default), for the notice; the code itself when unknown. */
export function countryName(code: string, locale = 'en'): string {
  if (!isCountryCode(code)) return code;
  let names = namesByLocale.get(locale);
  if (!names) namesByLocale.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' })));
  return names.of(code) ?? code;
}
