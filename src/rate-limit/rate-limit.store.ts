import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';

/** Counts one hit in a fixed window atomically (safe across processes); returns the count after it. */
export async function countHit(db: Kysely<Database>, bucketKey: string, windowStart: Date): Promise<number> {
  const result = await sql<{ hits: number }>`
    insert into rate_limits (bucket_key, window_started_at, hits) values (${bucketKey}, ${windowStart}, 1)
    on conflict (bucket_key) do update set
      hits = case when rate_limits.window_started_at = excluded.window_started_at then rate_limits.hits + 1 else 1 end,
      window_started_at = excluded.window_started_at
    returning hits`.execute(db);
  return Number(result.rows[0]?.hits ?? 0);
}

export async function deleteExpiredWindows(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('window_started_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
