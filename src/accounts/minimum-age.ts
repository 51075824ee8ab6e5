import type { Config } from '../config/load-config.js';

/** The age a person must confirm: the country's own rule, else the instance default. */
export function minimumAgeFor(config: Config, country: string | null | undefined): number {
  return (country ? config.minimumAge.byCountry[country] : undefined) ?? config.minimumAge.default;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes Intl knows that are not countries (groupings, private use). */
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

/** An ISO 3166-1 alpha-2 code the runtime knows a name for. */
export function isKnownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || notCountries.has(code)) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== code;
}

let cachedCountries: ReadonlyArray<{ code: string; name: string }> | undefined;

/** Every known country with its English name, sorted by name, for the sign-up form. */
export function countryOptions(): ReadonlyArray<{ code: string; name: string }> {
  if (!cachedCountries) {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const all: { code: string; name: string }[] = [];
    for (const a of letters) for (const b of letters) {
      const code = a + b;
      if (isKnownCountry(code)) all.push({ code, name: regionNames.of(code)! });
    }
    cachedCountries = all.sort((x, y) => x.name.localeCompare(y.name, 'en'));
  }
  return cachedCountries;
}
