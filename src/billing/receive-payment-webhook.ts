import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { lockInvoice } from './billing.store.js';
import { retentionStartFor } from './invoice-amounts.js';
import { WebhookRefusedError, type PaymentEvent } from './payment.adapter.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { claimWebhookEvent, completePayment, insertRefusedWebhookEvent, lockPaymentByReference, markWebhookEventIgnored, recordChargedAmount, type PaymentRow } from './payments.store.js';
import { paymentRefundKind } from './refund-unexpected-payment.js';
import { settleInvoice } from './settle-invoice.js';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';
type Deps = Pick<AppDeps, 'db' | 'adapters' | 'logger' | 'now'>;

/**
 * Takes one webhook from the payment processor. The signature over the exact bytes is checked first;
 * a refused webhook is recorded (processor, claimed event id, reason; never the body) and logged,
 * and answered 401. An accepted event is applied once: its id is claimed in the same transaction,
 * so a redelivery is a no-op.
 */
export async function receivePaymentWebhook(deps: Deps, context: ContextWithoutTransaction, rawBody: string | undefined, headers: Readonly<Record<string, string | string[] | undefined>>): Promise<WebhookOutcome> {
  const processor = deps.adapters.payments;
  let event: PaymentEvent;
  try {
    event = processor.verifyWebhook(rawBody, headers);
  } catch (error) {
    if (!(error instanceof WebhookRefusedError)) throw error;
    await insertRefusedWebhookEvent(deps.db, processor.name, error.claimedEventId, error.reason);
    deps.logger.warn({ processor: processor.name, eventId: error.claimedEventId, reason: error.reason, requestId: context.requestId }, 'payment webhook refused');
    if (error.reason === 'event_malformed') throw new AppError('VALIDATION_FAILED', 'The webhook is signed but its event could not be read');
    throw new AppError('WEBHOOK_SIGNATURE_INVALID', `The webhook was refused (${error.reason.replaceAll('_', ' ')})`);
  }
  const outcome = await inTransaction(deps.db, context, async (ctx) => {
    if (!(await claimWebhookEvent(ctx.trx, processor.name, event.eventId))) return { outcome: 'duplicate' as const, reason: 'already received' };
    const payment = await lockPaymentByReference(ctx.trx, processor.name, event.processorReference);
    const ignoredBecause = whyIgnore(payment, event);
    if (ignoredBecause || !payment) {
      const reason = ignoredBecause ?? 'unknown_reference';
      await markWebhookEventIgnored(ctx.trx, processor.name, event.eventId, reason);
      return { outcome: 'ignored' as const, reason };
    }
    return { outcome: 'processed' as const, reason: await applyEvent(deps, ctx, payment, event) };
  });
  // Money we cannot match to a payment is an incident: someone must look at it at the processor.
  const level = outcome.outcome === 'ignored' && event.type === 'payment.succeeded' && outcome.reason === 'unknown_reference' ? 'error'
    : outcome.reason === 'refunding' ? 'warn' : 'info';
  deps.logger[level]({ processor: processor.name, eventId: event.eventId, outcome: outcome.outcome, reason: outcome.reason, requestId: context.requestId }, 'payment webhook received');
  return outcome.outcome;
}

/** pending and failed checkouts may still be paid (a failed card may be followed by another). */
const live = (payment: PaymentRow) => payment.status === 'pending' || payment.status === 'failed';

function whyIgnore(payment: PaymentRow | undefined, event: PaymentEvent): string | null {
  if (!payment || payment.kind !== 'charge') return 'unknown_reference';
  if (payment.status === 'succeeded' || payment.status === 'refunded') return 'payment_already_succeeded';
  // A failure only matters while the checkout is live; a success is always recorded (and refunded if unexpected).
  if (event.type === 'payment.failed' && !live(payment)) return 'payment_not_pending';
  return null;
}

/**
 * Applies the event. A success settles the invoice only when the checkout is still live, the invoice
 * is open and the amount is exactly what is due now; any other success is recorded and refunded in
 * full through the processor (a queued job), never silently kept.
 */
async function applyEvent(deps: Deps, ctx: RequestContext, payment: PaymentRow, event: PaymentEvent): Promise<string> {
  const at = deps.now();
  const status = event.type === 'payment.succeeded' ? 'succeeded' : 'failed';
  const wasLive = live(payment);
  await completePayment(ctx.trx, payment.id, { status, cardBrand: event.card?.brand ?? null, cardLast4: event.card?.last4 ?? null, at, retentionStartsAt: retentionStartFor(at) });
  // A success reports what was actually charged; that is what we hold and may have to give back.
  if (status === 'succeeded' && (event.amountCents !== payment.amount_cents || event.currency !== payment.currency)) await recordChargedAmount(ctx.trx, payment.id, event.amountCents, event.currency);
  await recordAuditEvent(ctx, { action: `payment.${status}`, subjectId: payment.subject_id, details: { paymentId: payment.id, invoiceId: payment.invoice_id, eventId: event.eventId } });
  if (status !== 'succeeded') return event.type;
  const invoice = payment.invoice_id ? await lockInvoice(ctx.trx, payment.invoice_id) : undefined;
  const due = invoice ? invoice.gross_cents - invoice.credited_cents : 0;
  const problem = !wasLive ? 'checkout_voided'
    : !invoice || invoice.status !== 'open' ? 'invoice_not_open'
    : event.amountCents !== payment.amount_cents || event.currency !== payment.currency || event.amountCents !== due || event.currency !== invoice.currency ? 'amount_mismatch'
    : null;
  if (!problem && invoice && (await settleInvoice(ctx, invoice, at, payment.id))) return event.type;
  await enqueueJob(ctx.trx, { kind: paymentRefundKind, payload: { paymentId: payment.id }, dedupeKey: `${paymentRefundKind}:${payment.id}` });
  await recordAuditEvent(ctx, { action: 'payment.refund_queued', subjectId: payment.subject_id, details: { paymentId: payment.id, invoiceId: payment.invoice_id, why: problem ?? 'invoice_not_open' } });
  deps.logger.warn({ paymentId: payment.id, invoiceId: payment.invoice_id, why: problem ?? 'invoice_not_open' }, 'payment cannot settle its invoice; refunding it in full');
  return 'refunding';
}
