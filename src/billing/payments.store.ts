import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { PaymentsTable, PaymentStatus, PaymentWebhookEventsTable } from './billing.tables.js';

type Db = Kysely<Database> | Transaction<Database>;
export type PaymentRow = Selectable<PaymentsTable>;
export type WebhookEventRow = Selectable<PaymentWebhookEventsTable>;

export async function insertPayment(trx: Transaction<Database>, row: Insertable<PaymentsTable>): Promise<string> {
  return (await trx.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function lockPaymentByReference(trx: Transaction<Database>, processor: string, reference: string): Promise<PaymentRow | undefined> {
  return trx.selectFrom('payments').selectAll().where('processor', '=', processor).where('processor_reference', '=', reference).forUpdate().executeTakeFirst();
}

export async function lockPaymentById(trx: Transaction<Database>, paymentId: string): Promise<PaymentRow | undefined> {
  return trx.selectFrom('payments').selectAll().where('id', '=', paymentId).forUpdate().executeTakeFirst();
}

export async function findPaymentOfAccountByReference(db: Db, accountId: string, reference: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('account_id', '=', accountId).where('processor_reference', '=', reference).executeTakeFirst();
}

export async function completePayment(trx: Transaction<Database>, paymentId: string, outcome: { status: PaymentStatus; cardBrand: string | null; cardLast4: string | null; at: Date; retentionStartsAt: Date }): Promise<void> {
  await trx
    .updateTable('payments')
    .set({ status: outcome.status, card_brand: outcome.cardBrand, card_last4: outcome.cardLast4, completed_at: outcome.at, retention_starts_at: outcome.retentionStartsAt, ...(outcome.status === 'failed' ? {} : { checkout_url: null }) })
    .where('id', '=', paymentId)
    .execute();
}

/** The one checkout of an invoice that may still be paid (pending, or failed and open for another card). */
export async function findLiveCheckout(trx: Transaction<Database>, invoiceId: string): Promise<PaymentRow | undefined> {
  return trx.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).where('kind', '=', 'charge').where('status', 'in', ['pending', 'failed']).forUpdate().executeTakeFirst();
}

/** Voids the invoice's live checkouts (except `keep`); a success reported for one later is refunded. Returns their ids. */
export async function expireLiveCheckouts(trx: Transaction<Database>, invoiceId: string, at: Date, keep: string | null = null): Promise<string[]> {
  let query = trx.updateTable('payments').set({ status: 'expired', completed_at: at, checkout_url: null }).where('invoice_id', '=', invoiceId).where('kind', '=', 'charge').where('status', 'in', ['pending', 'failed']);
  if (keep) query = query.where('id', '<>', keep);
  return (await query.returning('id').execute()).map((row) => row.id);
}

export async function markPaymentRefunded(trx: Transaction<Database>, paymentId: string): Promise<boolean> {
  const result = await trx.updateTable('payments').set({ status: 'refunded' }).where('id', '=', paymentId).where('status', '=', 'succeeded').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findPayment(db: Db, paymentId: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
}

/** The amount the processor reports it actually charged, when that differs from the checkout's. */
export async function recordChargedAmount(trx: Transaction<Database>, paymentId: string, amountCents: number, currency: string): Promise<void> {
  await trx.updateTable('payments').set({ amount_cents: amountCents, currency }).where('id', '=', paymentId).execute();
}

export async function paymentsOfInvoice(db: Db, invoiceId: string): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
}

/** Completed payments and refunds of an account (abandoned checkouts stay out of the customer's list). */
export async function paymentsOfAccount(db: Db, accountId: string, limit: number): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll().where('account_id', '=', accountId).where('status', '<>', 'pending').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function listPayments(db: Db, filter: { status?: PaymentStatus | undefined; limit: number }): Promise<PaymentRow[]> {
  let query = db.selectFrom('payments').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/**
 * Claims an event id: the partial unique index lets each processed or ignored event in once, so a
 * redelivered event finds its id taken and is a no-op. Returns false for such a duplicate.
 */
export async function claimWebhookEvent(trx: Transaction<Database>, processor: string, eventId: string): Promise<boolean> {
  const row = await trx
    .insertInto('payment_webhook_events')
    .values({ processor, event_id: eventId, outcome: 'processed', reason: 'applied' })
    .onConflict((oc) => oc.columns(['processor', 'event_id']).where('outcome', '<>', 'refused').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markWebhookEventIgnored(trx: Transaction<Database>, processor: string, eventId: string, reason: string): Promise<void> {
  await trx.updateTable('payment_webhook_events').set({ outcome: 'ignored', reason }).where('processor', '=', processor).where('event_id', '=', eventId).where('outcome', '<>', 'refused').execute();
}

export async function insertRefusedWebhookEvent(db: Db, processor: string, eventId: string | null, reason: string): Promise<void> {
  await db.insertInto('payment_webhook_events').values({ processor, event_id: eventId, outcome: 'refused', reason }).execute();
}
