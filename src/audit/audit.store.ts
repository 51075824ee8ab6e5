import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AuditEventsTable } from './audit.tables.js';
import type { Insertable, Selectable } from 'kysely';

export type AuditRow = Selectable<AuditEventsTable>;
export type NewAuditRow = Omit<Insertable<AuditEventsTable>, 'seq'>;

/** Serialises appends across processes so two writers never chain onto the same predecessor. */
export async function lockAuditChain(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7423011)`.execute(trx);
}

export async function lastAuditHash(trx: Transaction<Database>): Promise<string | null> {
  const row = await trx.selectFrom('audit_events').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.hash ?? null;
}

export async function insertAuditRow(trx: Transaction<Database>, row: NewAuditRow): Promise<void> {
  await trx.insertInto('audit_events').values({ ...row, details: JSON.stringify(row.details) as never }).execute();
}

export async function auditRowsFrom(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export async function auditRowsForSubject(db: Kysely<Database>, subjectId: string, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_events').selectAll().where('subject_id', '=', subjectId).orderBy('seq', 'desc').limit(limit).execute();
}
