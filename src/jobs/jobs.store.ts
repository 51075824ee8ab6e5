import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { JobsTable } from './jobs.tables.js';

export type JobRow = Selectable<JobsTable>;

export interface NewJobRow {
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly runAt: Date | undefined;
  readonly dedupeKey: string | null;
  readonly maxAttempts: number | undefined;
}

/** Inserts a job; with a dedupe key already taken nothing is inserted and null is returned. */
export async function insertJob(db: Kysely<Database>, job: NewJobRow): Promise<string | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload) as never,
      dedupe_key: job.dedupeKey,
      ...(job.runAt ? { run_at: job.runAt } : {}),
      ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Leases up to `limit` due jobs to one worker in a single short statement: queued jobs whose time has
 * come, and running jobs whose lease ran out (their worker died). SKIP LOCKED lets several processes
 * claim side by side without waiting on or taking each other's rows. The attempt is counted at claim
 * time so a job that crashes its worker every time still runs out of attempts.
 */
export async function claimDueJobs(db: Kysely<Database>, workerId: string, now: Date, leaseUntil: Date, limit: number): Promise<JobRow[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', locked_by: workerId, locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due.map((d) => d.id))
      .returningAll()
      .execute();
  });
}

/** Keeps a long-running job's lease alive; false when another worker has taken it over. */
export async function renewLease(db: Kysely<Database>, jobId: string, workerId: string, leaseUntil: Date): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ locked_until: leaseUntil }).where('id', '=', jobId).where('locked_by', '=', workerId).where('status', '=', 'running').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The outcome of one attempt, written only while this worker still holds the lease. */
export async function finishJob(db: Kysely<Database>, jobId: string, workerId: string, outcome: { status: 'done' | 'failed'; at: Date; error: string | null }): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: outcome.status, finished_at: outcome.at, last_error: outcome.error, locked_by: null, locked_until: null })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function scheduleRetry(db: Kysely<Database>, jobId: string, workerId: string, runAt: Date, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: runAt, last_error: error, locked_by: null, locked_until: null })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function findJob(db: Kysely<Database>, jobId: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}
