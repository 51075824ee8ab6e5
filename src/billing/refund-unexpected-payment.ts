import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { retentionStartFor } from './invoice-amounts.js';
import { findPayment, insertPayment, lockPaymentById, markPaymentRefunded } from './payments.store.js';

/** Job kind: give back in full a payment that must not be kept; payload { paymentId }. */
export const paymentRefundKind = 'billing.refund_payment';

type Deps = Pick<AppDeps, 'db' | 'adapters' | 'logger' | 'now'>;

/**
 * Refunds in full a succeeded charge that settled nothing (its checkout was voided, the invoice was no
 * longer open, or the amount was not what was due). The payment id is the idempotency key, so a retried
 * job never refunds twice; the charge becomes 'refunded' and the refund is recorded beside it.
 */
export async function refundUnexpectedPayment(deps: Deps, paymentId: string): Promise<void> {
  const charge = await findPayment(deps.db, paymentId);
  if (!charge || charge.kind !== 'charge' || charge.status !== 'succeeded') return;
  const processor = deps.adapters.payments;
  if (charge.processor !== processor.name) {
    deps.logger.error({ paymentId, processor: charge.processor }, 'cannot refund a payment taken through another processor; refund it there by hand');
    return;
  }
  const refund = await processor.refund({ processorReference: charge.processor_reference, amountCents: charge.amount_cents, currency: charge.currency, idempotencyKey: `payment:${charge.id}` });
  // Still pending (or failed) at the processor: throw, so the job asks again later with the same key.
  if (refund.status !== 'succeeded') throw new Error(`Refund ${refund.refundReference} of payment ${charge.id} is ${refund.status}`);
  await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    const locked = await lockPaymentById(ctx.trx, charge.id);
    if (!locked || !(await markPaymentRefunded(ctx.trx, locked.id))) return;
    const at = deps.now();
    const refundId = await insertPayment(ctx.trx, {
      invoice_id: locked.invoice_id, invoice_number: locked.invoice_number, credit_note_id: null, account_id: locked.account_id, subject_id: locked.subject_id,
      kind: 'refund', processor: processor.name, processor_reference: refund.refundReference, status: 'succeeded',
      amount_cents: locked.amount_cents, currency: locked.currency, card_brand: null, card_last4: null, completed_at: at,
      checkout_url: null, checkout_expires_at: null, retention_starts_at: retentionStartFor(at),
    });
    await recordAuditEvent(ctx, { action: 'payment.refunded', subjectId: locked.subject_id, details: { paymentId: locked.id, refundId, invoiceId: locked.invoice_id } });
  });
}
