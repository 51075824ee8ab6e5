import type { Config } from '../config/load-config.js';

/** Integer cents throughout; a tax rate is held in basis points (19 % = 1900) so no float is stored. */
export interface LineAmounts {
  readonly netCents: number;
  readonly taxCents: number;
  readonly grossCents: number;
}

export function taxRateBasisPoints(billing: Config['billing']): number {
  return Math.round(billing.vatRatePercent * 100);
}

/** Tax per line, rounded half up to the cent, computed once at issue and stored. */
export function lineAmounts(quantity: number, unitNetCents: number, rateBasisPoints: number): LineAmounts {
  const netCents = quantity * unitNetCents;
  const taxCents = Math.floor((netCents * rateBasisPoints + 5000) / 10000);
  return { netCents, taxCents, grossCents: netCents + taxCents };
}

export function sumAmounts(lines: readonly LineAmounts[]): LineAmounts {
  return lines.reduce((sum, line) => ({ netCents: sum.netCents + line.netCents, taxCents: sum.taxCents + line.taxCents, grossCents: sum.grossCents + line.grossCents }), { netCents: 0, taxCents: 0, grossCents: 0 });
}

/** A credited gross amount split into net and tax at the invoice's rate; the parts always add up. */
export function splitGross(grossCents: number, rateBasisPoints: number): LineAmounts {
  const netCents = Math.floor((grossCents * 10000 + Math.floor((10000 + rateBasisPoints) / 2)) / (10000 + rateBasisPoints));
  return { netCents, taxCents: grossCents - netCents, grossCents };
}

/**
 * Where the legal retention of a document issued at `issuedAt` starts: the end of that calendar
 * year (§147(4) AO, §257(5) HGB). Counting from the issue date would delete records up to a year early.
 */
export function retentionStartFor(issuedAt: Date): Date {
  return new Date(Date.UTC(issuedAt.getUTCFullYear() + 1, 0, 1));
}

export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function formatRate(basisPoints: number, locale: string): string {
  return `${new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(basisPoints / 100)} %`;
}

/** "12.50" or "12,50" (at most two decimals) as cents; null when it is not such an amount. */
export function parseAmount(text: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}
