import type { PlanKind } from '../services/services.tables.js';
import type { Random } from './scale-ids.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export interface CataloguePlan {
  readonly code: string;
  readonly kind: PlanKind;
  readonly name: string;
  readonly monthlyCents: number;
}

export interface CatalogueTld {
  readonly tld: string;
  readonly yearlyCents: number;
  readonly transferCents: number;
  readonly requiresDocument: boolean;
  readonly maxYears: number;
}

/** Everything a plan depends on besides the subject's own index: the same context gives the same plans. */
export interface PlanContext {
  readonly seed: number;
  /** The requested number of subjects; spaces the customers' daily time slots. */
  readonly subjects: number;
  /** Midnight UTC of the day the data is "as of"; everything generated lies before it. */
  readonly asOf: number;
  readonly asOfDay: number;
  readonly plans: ReadonlyArray<readonly [CataloguePlan, number]>;
  readonly tlds: ReadonlyArray<readonly [CatalogueTld, number]>;
  /** How far back rows with a retention period reach, in days (period plus the sweep backlog). */
  readonly windows: { readonly signInDays: number; readonly licenceCheckDays: number; readonly idDocumentDays: number; readonly applicantDays: number };
  readonly sessionTtlMs: number;
  /** Publication times of the announcements the generator adds. */
  readonly announcements: readonly number[];
  readonly openings: number;
}

export const dayStart = (day: number): number => day * DAY;
export const dayOf = (time: number): number => Math.floor(time / DAY);

/**
 * Each customer's documents of a day are issued at the customer's own time slot of that day, slots
 * rising with the customer index. So invoice numbers, given in customer order day by day, are also
 * in the order of issue, as a gap-free chronological series must be.
 */
export function slotOf(ctx: PlanContext, customerIndex: number): number {
  return Math.floor((customerIndex * DAY) / Math.max(1, ctx.subjects));
}

/** Calendar-aware: the same day number in a later month, or the month's last day (like addDuration). */
export function addMonths(time: number, months: number): number {
  const date = new Date(time);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** A point in [from, to); `to` before `from` gives `from`. */
export function timeBetween(random: Random, from: number, to: number): number {
  return to <= from ? from : from + Math.floor(random() * (to - from));
}

export function chance(random: Random, share: number): boolean {
  return random() < share;
}

export function weighted<T>(random: Random, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [item, weight] of items) {
    left -= weight;
    if (left < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** 1 to `max` distinct items, in their original order. */
export function someOf<T>(random: Random, items: readonly T[], max: number): T[] {
  const count = 1 + Math.floor(random() * Math.min(max, items.length));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(random() * items.length));
  return items.filter((_, index) => chosen.has(index));
}

export function digits(random: Random, count: number): string {
  let text = '';
  for (let i = 0; i < count; i += 1) text += String(Math.floor(random() * 10));
  return text;
}
