import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';

export async function readSetting<T>(db: Kysely<Database> | Transaction<Database>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function writeSetting(trx: Transaction<Database>, key: string, value: unknown): Promise<void> {
  await trx
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }))
    .execute();
}
