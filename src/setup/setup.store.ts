import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';

/** Serialises first-owner setup across processes sharing one database. */
export async function lockFirstOwnerSetup(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7423012)`.execute(trx);
}

export async function deleteSettingRow(trx: Transaction<Database>, key: string): Promise<void> {
  await trx.deleteFrom('settings').where('key', '=', key).execute();
}
