/**
 * Server-side checks of profile values. Formats only: a VAT id that matches its country's format
 * may still not exist; a real check would ask the EU's VIES service, which an operator can add
 * where they need it.
 */

/** "+49 30 1234-567" and "0049 (30) 1234567" become "+49301234567"; null when it is no E.164-like number. */
export function normalisePhone(input: string): string | null {
  let compact = input.trim().replace(/[\s().\-/]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

/** VAT identification number formats of the EU member states (and Northern Ireland, XI), by prefix. */
const vatFormats: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** "de 123 456 789" becomes "DE123456789"; null when the prefix is not an EU one or the rest does not fit it. */
export function normaliseVatId(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s.\-]/g, '');
  const format = vatFormats[compact.slice(0, 2)];
  return format && format.test(compact.slice(2)) ? compact : null;
}

/** Postal code formats of the countries most customers come from; others get a general sanity check. */
const postalFormats: Readonly<Record<string, RegExp>> = {
  AT: /^\d{4}$/,
  BE: /^\d{4}$/,
  CH: /^\d{4}$/,
  CZ: /^\d{3} ?\d{2}$/,
  DE: /^\d{5}$/,
  DK: /^\d{4}$/,
  ES: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/,
  FI: /^\d{5}$/,
  FR: /^\d{5}$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  IT: /^\d{5}$/,
  LU: /^\d{4}$/,
  NL: /^[1-9]\d{3} ?[A-Z]{2}$/,
  PL: /^\d{2}-\d{3}$/,
  PT: /^\d{4}-\d{3}$/,
  SE: /^\d{3} ?\d{2}$/,
  US: /^\d{5}(-\d{4})?$/,
};

/** The postal code, upper-cased and trimmed, or null when it cannot be one for that country. */
export function normalisePostalCode(input: string, country: string | null): string | null {
  const code = input.trim().toUpperCase().replace(/\s+/g, ' ');
  const format = country ? postalFormats[country] : undefined;
  if (format) return format.test(code) ? code : null;
  return /^[A-Z0-9][A-Z0-9 -]{1,9}$/.test(code) && /\d/.test(code) ? code : null;
}

/** Whether the country's postal codes are known well enough that one is required with an address. */
export function postalCodeRequired(country: string | null): boolean {
  return country !== null && country in postalFormats;
}
