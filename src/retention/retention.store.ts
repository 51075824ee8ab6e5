import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';

const identifier = /^[a-z_]+$/;

/**
 * Deletes rows older than the cutoff in a table named by the data map. The names are checked
 * against a strict pattern before they reach sql.table/sql.ref, so a bad declaration can never
 * become SQL beyond a plain identifier.
 */
export async function deleteRowsBefore(db: Kysely<Database>, table: string, column: string, cutoff: Date): Promise<number> {
  if (!identifier.test(table) || !identifier.test(column)) throw new Error(`Refusing retention on unsafe identifier ${table}.${column}`);
  const result = await sql`delete from ${sql.table(table)} where ${sql.ref(column)} < ${cutoff}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Jobs that are done or failed for good, finished before the cutoff. Queued and running ones stay. */
export async function deleteFinishedJobsBefore(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
