import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { CreditNotesTable, InvoiceLinesTable, InvoicesTable, InvoiceStatus, NumberSeries, RefundStatus } from './billing.tables.js';

type Db = Kysely<Database> | Transaction<Database>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
export type CreditNoteRow = Selectable<CreditNotesTable>;

/**
 * The next number of a series in a year. The upsert locks the counter row until the caller's
 * transaction ends, so concurrent issuers queue behind each other and a rollback returns the number:
 * numbers stay sequential and gap-free on PGlite and PostgreSQL alike.
 */
export async function nextDocumentNumber(trx: Transaction<Database>, series: NumberSeries, year: number): Promise<number> {
  const row = await trx
    .insertInto('billing_number_sequences')
    .values({ series, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['series', 'year']).doUpdateSet({ last_number: sql<number>`billing_number_sequences.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertInvoice(trx: Transaction<Database>, row: Insertable<InvoicesTable>): Promise<string> {
  return (await trx.insertInto('invoices').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertInvoiceLines(trx: Transaction<Database>, rows: readonly Insertable<InvoiceLinesTable>[]): Promise<void> {
  await trx.insertInto('invoice_lines').values([...rows]).execute();
}

export async function findInvoice(db: Db, invoiceId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
}

/** Only when the invoice belongs to the account; another account's invoice is simply not found. */
export async function findInvoiceOfAccount(db: Db, accountId: string, invoiceId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).where('account_id', '=', accountId).executeTakeFirst();
}

/** Locks the invoice for the rest of the transaction (payment, credit note and reminder serialise on it). */
export async function lockInvoice(trx: Transaction<Database>, invoiceId: string): Promise<InvoiceRow | undefined> {
  return trx.selectFrom('invoices').selectAll().where('id', '=', invoiceId).forUpdate().executeTakeFirst();
}

export async function linesOfInvoice(db: Db, invoiceId: string): Promise<InvoiceLineRow[]> {
  return db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('position', 'asc').execute();
}

export async function invoicesOfAccount(db: Db, accountId: string, limit: number): Promise<InvoiceRow[]> {
  return db.selectFrom('invoices').selectAll().where('account_id', '=', accountId).orderBy('issued_at', 'desc').orderBy('number', 'desc').limit(limit).execute();
}

export async function listInvoices(db: Db, filter: { status?: InvoiceStatus | undefined; limit: number }): Promise<InvoiceRow[]> {
  let query = db.selectFrom('invoices').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('issued_at', 'desc').orderBy('number', 'desc').limit(filter.limit).execute();
}

/** Open to paid, once: false when the invoice was no longer open. */
export async function markInvoicePaid(trx: Transaction<Database>, invoiceId: string, at: Date): Promise<boolean> {
  const result = await trx.updateTable('invoices').set({ status: 'paid', paid_at: at }).where('id', '=', invoiceId).where('status', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordCredit(trx: Transaction<Database>, invoiceId: string, creditedCents: number, status: InvoiceStatus): Promise<void> {
  await trx.updateTable('invoices').set({ credited_cents: creditedCents, status }).where('id', '=', invoiceId).execute();
}

export async function markReminded(trx: Transaction<Database>, invoiceId: string, at: Date): Promise<void> {
  await trx.updateTable('invoices').set({ reminded_at: at }).where('id', '=', invoiceId).execute();
}

export async function insertCreditNote(trx: Transaction<Database>, row: Insertable<CreditNotesTable>): Promise<string> {
  return (await trx.insertInto('credit_notes').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findCreditNote(db: Db, creditNoteId: string): Promise<CreditNoteRow | undefined> {
  return db.selectFrom('credit_notes').selectAll().where('id', '=', creditNoteId).executeTakeFirst();
}

export async function lockCreditNote(trx: Transaction<Database>, creditNoteId: string): Promise<CreditNoteRow | undefined> {
  return trx.selectFrom('credit_notes').selectAll().where('id', '=', creditNoteId).forUpdate().executeTakeFirst();
}

export async function creditNotesOfInvoice(db: Db, invoiceId: string): Promise<CreditNoteRow[]> {
  return db.selectFrom('credit_notes').selectAll().where('invoice_id', '=', invoiceId).orderBy('issued_at', 'asc').orderBy('number', 'asc').execute();
}

export async function creditNotesOfAccount(db: Db, accountId: string, limit: number): Promise<CreditNoteRow[]> {
  return db.selectFrom('credit_notes').selectAll().where('account_id', '=', accountId).orderBy('issued_at', 'desc').orderBy('number', 'desc').limit(limit).execute();
}

export async function setRefundStatus(trx: Transaction<Database>, creditNoteId: string, status: RefundStatus): Promise<void> {
  await trx.updateTable('credit_notes').set({ refund_status: status }).where('id', '=', creditNoteId).execute();
}
