import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Backlog sizes for /metrics. */
export async function backlogCounts(db: Kysely<Database>): Promise<{ jobsQueued: number; jobsFailed: number; emailsQueued: number }> {
  const jobs = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('status', 'in', ['queued', 'failed']).groupBy('status').execute();
  const emails = await db.selectFrom('outbox_emails').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirst();
  const count = (status: string) => Number(jobs.find((j) => j.status === status)?.n ?? 0);
  return { jobsQueued: count('queued'), jobsFailed: count('failed'), emailsQueued: Number(emails?.n ?? 0) };
}
