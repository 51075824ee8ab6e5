import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { findCreditNote, lockCreditNote, setRefundStatus } from './billing.store.js';
import { retentionStartFor } from './invoice-amounts.js';
import { insertPayment, paymentsOfInvoice } from './payments.store.js';

type Deps = Pick<AppDeps, 'db' | 'adapters' | 'logger' | 'now'>;

/**
 * Gives a paid invoice's credited amount back through the processor that took the payment. The
 * credit note's id is the idempotency key, so a retried job never refunds twice; the refund is
 * recorded as a payment of kind 'refund' with the processor's reference.
 */
export async function refundCreditNote(deps: Deps, creditNoteId: string): Promise<void> {
  const note = await findCreditNote(deps.db, creditNoteId);
  if (!note || note.refund_status !== 'pending') return;
  const processor = deps.adapters.payments;
  const charge = note.invoice_id ? (await paymentsOfInvoice(deps.db, note.invoice_id)).find((p) => p.kind === 'charge' && p.status === 'succeeded') : undefined;
  if (!charge || charge.processor !== processor.name) {
    await finish(deps, creditNoteId, null, 'failed');
    deps.logger.warn({ creditNoteId, invoiceId: note.invoice_id }, 'refund not possible: no succeeded payment through the current processor');
    return;
  }
  const refund = await processor.refund({ processorReference: charge.processor_reference, amountCents: note.gross_cents, currency: note.currency, idempotencyKey: note.id });
  // Still pending at the processor: throw, so the job asks again later (same key, same refund).
  if (refund.status === 'pending') throw new Error(`Refund ${refund.refundReference} is still pending at the processor`);
  await finish(deps, creditNoteId, { reference: refund.refundReference, chargeId: charge.id, succeeded: refund.status === 'succeeded' }, refund.status === 'succeeded' ? 'refunded' : 'failed');
}

async function finish(deps: Deps, creditNoteId: string, refund: { reference: string; chargeId: string; succeeded: boolean } | null, status: 'refunded' | 'failed'): Promise<void> {
  await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    const note = await lockCreditNote(ctx.trx, creditNoteId);
    if (!note || note.refund_status !== 'pending') return;
    let paymentId: string | null = null;
    if (refund) {
      const at = deps.now();
      paymentId = await insertPayment(ctx.trx, {
        invoice_id: note.invoice_id, invoice_number: note.invoice_number, credit_note_id: note.id, account_id: note.account_id, subject_id: note.subject_id,
        kind: 'refund', processor: deps.adapters.payments.name, processor_reference: refund.reference, status: refund.succeeded ? 'succeeded' : 'failed',
        amount_cents: note.gross_cents, currency: note.currency, card_brand: null, card_last4: null, completed_at: at, retention_starts_at: retentionStartFor(at),
      });
    }
    await setRefundStatus(ctx.trx, note.id, status);
    await recordAuditEvent(ctx, { action: `credit_note.${status}`, subjectId: note.subject_id, details: { creditNoteId: note.id, paymentId, chargeId: refund?.chargeId ?? null } });
  });
}
