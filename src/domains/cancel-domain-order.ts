import { recordAuditEvent } from '../audit/record-audit-event.js';
import { lockInvoice } from '../billing/billing.store.js';
import { issueCreditNote } from '../billing/issue-credit-note.js';
import { addDuration, durationMs } from '../config/duration.js';
import { inTransaction, systemContext, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { deletePendingDocuments } from './domain-documents.store.js';
import { findAccountDomain, findUnpaidOrder, lockDomain, lockOrder, updateDomain, updateOrder, type OrderRow } from './domains.store.js';

/**
 * How long an order may wait for payment. An unpaid registration or transfer reserves the name
 * here, so it must not do so forever; a week leaves time for a bank transfer. No config key exists
 * for it, and it is a business rule rather than a retention period.
 */
export const unpaidOrderPeriod = 'P7D';

/** Unpaid registration and transfer orders one account may have open at once. */
export const maxOpenUnpaidOrders = 10;

export const tooManyUnpaidMessage = `This account already has ${maxOpenUnpaidOrders} unpaid domain orders; pay or cancel one before ordering another`;
export const noUnpaidOrderMessage = 'This domain has no unpaid order to cancel';
export const alreadyPaidMessage = 'This order is already paid and can no longer be cancelled';

export const unpaidOrderExpiryKind = 'domains.unpaid_order_expiry';

const creditReasons = {
  expired: 'Domain order not paid in time; order cancelled',
  cancelled: 'Domain order cancelled by the customer before payment',
} as const;

type Outcome = keyof typeof creditReasons;
type CloseDeps = Pick<AppDeps, 'db' | 'now'>;

/** Queued with the order: the order is closed at the end of the period unless it was paid. */
export async function scheduleUnpaidOrderExpiry(ctx: RequestContext, orderId: string, orderedAt: Date): Promise<void> {
  await enqueueJob(ctx.trx, { kind: unpaidOrderExpiryKind, payload: { orderId }, runAt: addDuration(orderedAt, unpaidOrderPeriod), dedupeKey: `${unpaidOrderExpiryKind}:${orderId}` });
}

/** The job: closes the order if it is still unpaid; a paid, failed or cancelled one stays as it is. */
export async function expireUnpaidOrder(deps: CloseDeps, orderId: string): Promise<void> {
  await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    const order = await lockOrder(ctx.trx, orderId);
    if (!order || order.status !== 'awaiting_payment') return;
    if (deps.now().getTime() - order.created_at.getTime() < durationMs(unpaidOrderPeriod)) return;
    await closeUnpaidOrder(deps, ctx, order, 'expired');
  });
}

/** The customer withdraws an order they have not paid; a paid one goes its way (409). */
export async function cancelUnpaidDomainOrder(deps: CloseDeps, context: ContextWithoutTransaction, input: { accountId: string; domainId: string }): Promise<{ orderId: string }> {
  return inTransaction(deps.db, context, async (ctx) => {
    // Order before domain, as the payment's fulfilment locks them, so the two cannot deadlock.
    const domain = await findAccountDomain(ctx.trx, input.accountId, input.domainId);
    if (!domain) throw new AppError('NOT_FOUND', 'No such domain in this account');
    const unpaid = await findUnpaidOrder(ctx.trx, domain.id);
    const order = unpaid ? await lockOrder(ctx.trx, unpaid.id) : undefined;
    if (!order || order.status !== 'awaiting_payment') throw new AppError('CONFLICT', noUnpaidOrderMessage);
    if (!(await closeUnpaidOrder(deps, ctx, order, 'cancelled'))) throw new AppError('CONFLICT', alreadyPaidMessage);
    return { orderId: order.id };
  });
}

/**
 * In the caller's transaction, with the order locked: cancels the invoice with a credit note for
 * what is still due, marks the order cancelled and, for a registration or transfer, frees the name
 * (domain cancelled), clears the sealed auth code and deletes identity documents nobody decided on.
 * Returns false when the invoice was paid meanwhile: then the payment's fulfilment takes over.
 */
async function closeUnpaidOrder(deps: CloseDeps, ctx: RequestContext, order: OrderRow, outcome: Outcome): Promise<boolean> {
  const invoice = await lockInvoice(ctx.trx, order.invoice_id);
  if (invoice?.status === 'paid') return false;
  let creditNoteId: string | null = null;
  const due = invoice ? invoice.gross_cents - invoice.credited_cents : 0;
  if (invoice && invoice.status !== 'cancelled' && due > 0) {
    creditNoteId = (await issueCreditNote(deps, ctx, { invoiceId: invoice.id, grossCents: due, reason: creditReasons[outcome] })).creditNoteId;
  }
  const now = deps.now();
  await updateOrder(ctx.trx, order.id, { status: 'cancelled', finished_at: now });
  const domain = await lockDomain(ctx.trx, order.domain_id);
  if (!domain) throw new Error(`Domain ${order.domain_id} vanished`);
  let documentsDeleted = 0;
  if (order.kind !== 'renew') {
    await updateDomain(ctx.trx, domain.id, { status: 'cancelled', transfer_auth_code_enc: null }, now);
    documentsDeleted = await deletePendingDocuments(ctx.trx, domain.id);
  }
  await recordAuditEvent(ctx, {
    action: outcome === 'expired' ? 'domains.order_expired_unpaid' : 'domains.order_cancelled',
    subjectId: domain.subject_id,
    details: { domainId: domain.id, orderId: order.id, kind: order.kind, invoiceId: order.invoice_id, creditNoteId, documentsDeleted },
  });
  return true;
}
