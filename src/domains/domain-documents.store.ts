import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { DocumentStatus, DomainDocumentsTable } from './domains.tables.js';

type Db = Kysely<Database> | Transaction<Database>;
export type DocumentRow = Selectable<DomainDocumentsTable>;
/** Everything but the content: lists never load the file. */
export type DocumentSummaryRow = Omit<DocumentRow, 'content_enc'>;

const summaryColumns = ['id', 'domain_id', 'subject_id', 'document_type_enc', 'filename_enc', 'media_type_enc', 'status', 'uploaded_at', 'decided_at', 'decided_by', 'reason_enc'] as const;

export async function insertDocument(trx: Transaction<Database>, row: Insertable<DomainDocumentsTable>): Promise<string> {
  return (await trx.insertInto('domain_documents').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function listDocuments(db: Db, domainId: string): Promise<DocumentSummaryRow[]> {
  return db.selectFrom('domain_documents').select(summaryColumns).where('domain_id', '=', domainId).orderBy('uploaded_at', 'desc').execute();
}

/** Whether a document is waiting for review or was approved (then no new upload is needed). */
export async function hasOpenOrApprovedDocument(db: Db, domainId: string): Promise<DocumentStatus | null> {
  const row = await db.selectFrom('domain_documents').select('status').where('domain_id', '=', domainId).where('status', 'in', ['pending', 'approved']).executeTakeFirst();
  return row?.status ?? null;
}

export async function findDocument(db: Db, domainId: string, documentId: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('domain_documents').selectAll().where('domain_id', '=', domainId).where('id', '=', documentId).executeTakeFirst();
}

export async function lockDocument(trx: Transaction<Database>, domainId: string, documentId: string): Promise<DocumentSummaryRow | undefined> {
  return trx.selectFrom('domain_documents').select(summaryColumns).where('domain_id', '=', domainId).where('id', '=', documentId).forUpdate().executeTakeFirst();
}

export async function recordDecision(trx: Transaction<Database>, documentId: string, decision: { status: 'approved' | 'rejected'; at: Date; by: string; reasonEnc: Buffer | null }): Promise<void> {
  await trx
    .updateTable('domain_documents')
    .set({ status: decision.status, decided_at: decision.at, decided_by: decision.by, reason_enc: decision.reasonEnc })
    .where('id', '=', documentId)
    .execute();
}

/** Deletes the documents of a domain nobody decided on (its unpaid order closed); returns how many. */
export async function deletePendingDocuments(trx: Transaction<Database>, domainId: string): Promise<number> {
  const result = await trx.deleteFrom('domain_documents').where('domain_id', '=', domainId).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numDeletedRows);
}
