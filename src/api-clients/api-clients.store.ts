import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ApiClientsTable } from './api-clients.tables.js';

export type ApiClientRow = Selectable<ApiClientsTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertApiClient(trx: Transaction<Database>, row: Insertable<ApiClientsTable>): Promise<ApiClientRow> {
  return trx.insertInto('api_clients').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApiClientByPrefix(db: Db, prefix: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('key_prefix', '=', prefix).executeTakeFirst();
}

export async function findApiClient(db: Db, id: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listApiClients(db: Db): Promise<ApiClientRow[]> {
  return db.selectFrom('api_clients').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Marks the key revoked once; returns false when it already was. */
export async function markApiClientRevoked(trx: Transaction<Database>, id: string, at: Date): Promise<boolean> {
  const result = await trx.updateTable('api_clients').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchApiClient(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_clients').set({ last_used_at: at }).where('id', '=', id).execute();
}
