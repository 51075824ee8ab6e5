import type { Kysely } from 'kysely';
import { durationMs } from '../config/duration.js';
import type { Database } from '../db/database.types.js';
import { enqueueJob } from './enqueue-job.js';

export interface RecurringSchedule {
  readonly kind: string;
  /** ISO-8601 duration, e.g. PT1H. Periods are aligned to the Unix epoch, so every process agrees on them. */
  readonly every: string;
}

/** The start of the period `now` falls in; years and months count at their length from the epoch. */
export function periodStart(every: string, now: Date): Date {
  const length = durationMs(every);
  if (length <= 0) throw new RangeError(`A recurring period must be longer than zero: ${every}`);
  return new Date(Math.floor(now.getTime() / length) * length);
}

/**
 * Enqueues the current period's job of every schedule. The dedupe key `${kind}:${periodStart}` makes
 * this safe to call from every process and on every poll: each period is scheduled exactly once.
 * `seen` remembers what this process already scheduled so idle polls do not touch the database.
 */
export async function scheduleRecurring(db: Kysely<Database>, schedules: readonly RecurringSchedule[], now: Date, seen: Map<string, number>): Promise<number> {
  let created = 0;
  for (const schedule of schedules) {
    const start = periodStart(schedule.every, now);
    if (seen.get(schedule.kind) === start.getTime()) continue;
    const id = await enqueueJob(db, {
      kind: schedule.kind,
      payload: { periodStart: start.toISOString() },
      runAt: start,
      dedupeKey: `${schedule.kind}:${start.toISOString()}`,
    });
    if (id) created++;
    seen.set(schedule.kind, start.getTime());
  }
  return created;
}
