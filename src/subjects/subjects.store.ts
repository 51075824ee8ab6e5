import type { Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { SubjectKind } from './subjects.tables.js';

/** Creates the pseudonymous subject every personal-data row of a person links to. */
export async function insertSubject(trx: Transaction<Database>, kind: SubjectKind): Promise<string> {
  const inserted = await trx.insertInto('subjects').values({ kind, erased_at: null }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
