import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';

const currentId = 'current';

export async function readStoredRegister(db: Kysely<Database> | Transaction<Database>): Promise<{ document: unknown; updatedAt: Date } | undefined> {
  const row = await db.selectFrom('register_drafts').select(['document', 'updated_at']).where('id', '=', currentId).executeTakeFirst();
  return row ? { document: row.document, updatedAt: row.updated_at } : undefined;
}

export async function writeStoredRegister(trx: Transaction<Database>, document: unknown, updatedBy: string | null, now: Date): Promise<void> {
  const values = { document: JSON.stringify(document), updated_at: now, updated_by: updatedBy };
  await trx
    .insertInto('register_drafts')
    .values({ id: currentId, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
