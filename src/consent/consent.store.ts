import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ConsentRecordsTable } from './consent.tables.js';

/**
 * The ledger's only SQL. Append-only by construction: this module exports inserts and selects,
 * never an update or a delete (the retention sweep works from the data map, not from here).
 */
export type ConsentRecordRow = Selectable<ConsentRecordsTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertConsentRecord(trx: Transaction<Database>, row: Insertable<ConsentRecordsTable>): Promise<string> {
  const inserted = await trx.insertInto('consent_records').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export interface ConsentKey {
  readonly subjectId?: string | null;
  readonly browserId?: string | null;
  readonly purpose: string;
  readonly channel?: string | null;
}

/** The newest record for the person (or their browser), purpose and channel. */
export async function selectLatestConsentRecord(db: Db, key: ConsentKey): Promise<ConsentRecordRow | undefined> {
  const { subjectId, browserId } = key;
  if (!subjectId && !browserId) return undefined;
  let query = db
    .selectFrom('consent_records')
    .selectAll()
    .where((eb) => eb.or([...(subjectId ? [eb('subject_id', '=', subjectId)] : []), ...(browserId ? [eb('browser_id', '=', browserId)] : [])]))
    .where('purpose', '=', key.purpose);
  query = key.channel ? query.where('channel', '=', key.channel as ConsentRecordRow['channel'] & string) : query.where('channel', 'is', null);
  return query.orderBy('occurred_at', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Every record of a person, newest first. */
export async function selectConsentRecordsOfSubject(db: Db, subjectId: string): Promise<ConsentRecordRow[]> {
  return db.selectFrom('consent_records').selectAll().where('subject_id', '=', subjectId).orderBy('occurred_at', 'desc').orderBy('seq', 'desc').execute();
}

/** Every record made from a browser before anyone signed in there, newest first. */
export async function selectUnlinkedConsentRecordsOfBrowser(db: Db, browserId: string): Promise<ConsentRecordRow[]> {
  return db.selectFrom('consent_records').selectAll().where('browser_id', '=', browserId).where('subject_id', 'is', null).orderBy('occurred_at', 'desc').orderBy('seq', 'desc').execute();
}

/** Whether the person an unsubscribe link names exists (and is not erased). */
export async function selectSubjectExists(db: Db, subjectId: string): Promise<boolean> {
  const row = await db.selectFrom('subjects').select('id').where('id', '=', subjectId).where('erased_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}
