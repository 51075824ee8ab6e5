import type { Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';

export async function insertSubjectKey(trx: Transaction<Database>, subjectId: string, wrappedKey: Buffer): Promise<void> {
  await trx.insertInto('subject_keys').values({ subject_id: subjectId, wrapped_key: wrappedKey }).execute();
}

export async function findWrappedKey(trx: Transaction<Database>, subjectId: string): Promise<{ wrapped_key: Buffer | null } | undefined> {
  return trx.selectFrom('subject_keys').select('wrapped_key').where('subject_id', '=', subjectId).executeTakeFirst();
}

/** Crypto-shredding: the wrapped key is gone, so every copy of the subject's ciphertext is unreadable. */
export async function destroySubjectKey(trx: Transaction<Database>, subjectId: string): Promise<void> {
  await trx.updateTable('subject_keys').set({ wrapped_key: null, shredded_at: new Date() }).where('subject_id', '=', subjectId).execute();
}
