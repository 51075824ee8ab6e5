import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { insertCreditNote, linesOfInvoice, lockInvoice, nextDocumentNumber, recordCredit } from './billing.store.js';
import { retentionStartFor, splitGross } from './invoice-amounts.js';
import { formatDocumentNumber } from './issue-invoice.js';
import { expireLiveCheckouts } from './payments.store.js';

export const refundKind = 'billing.refund';
export const maxReasonLength = 500;

export interface IssueCreditNoteInput {
  readonly invoiceId: string;
  /** The gross amount credited, in cents; at most what is not credited yet. */
  readonly grossCents: number;
  readonly reason: string;
}

/**
 * Issues a credit note against an invoice in the caller's transaction. The credit note is a tax
 * record of its own: its own gap-free number, the invoice's number and billing party copied in.
 * On an open invoice it lowers what is due (fully credited: cancelled); on a paid one it queues a
 * refund through the payment processor.
 */
export async function issueCreditNote(deps: Pick<AppDeps, 'now'>, ctx: RequestContext, input: IssueCreditNoteInput): Promise<{ creditNoteId: string; number: string }> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > maxReasonLength) throw new AppError('VALIDATION_FAILED', 'The reason is required', { fieldErrors: [{ field: 'reason', message: `Give a reason of 1 to ${maxReasonLength} characters` }] });
  const invoice = await lockInvoice(ctx.trx, input.invoiceId);
  if (!invoice) throw new AppError('NOT_FOUND', 'No such invoice');
  if (invoice.status === 'cancelled') throw new AppError('CONFLICT', 'This invoice is cancelled; nothing is left to credit');
  const creditable = invoice.gross_cents - invoice.credited_cents;
  if (!Number.isInteger(input.grossCents) || input.grossCents <= 0 || input.grossCents > creditable) {
    throw new AppError('VALIDATION_FAILED', 'The amount is not valid', { fieldErrors: [{ field: 'amount', message: `Enter an amount above zero and at most ${(creditable / 100).toFixed(2)}` }] });
  }
  const rate = (await linesOfInvoice(ctx.trx, invoice.id))[0]?.tax_rate_basis_points ?? 0;
  const amounts = splitGross(input.grossCents, rate);
  const issuedAt = deps.now();
  const year = issuedAt.getUTCFullYear();
  const number = formatDocumentNumber('CN-', year, await nextDocumentNumber(ctx.trx, 'credit_note', year));
  const refund = invoice.status === 'paid';
  const creditNoteId = await insertCreditNote(ctx.trx, {
    number, invoice_id: invoice.id, invoice_number: invoice.number, account_id: invoice.account_id, subject_id: invoice.subject_id,
    currency: invoice.currency, tax_rate_basis_points: rate, net_cents: amounts.netCents, tax_cents: amounts.taxCents, gross_cents: amounts.grossCents,
    reason, billing_name: invoice.billing_name, billing_company: invoice.billing_company, billing_address: invoice.billing_address, billing_vat_id: invoice.billing_vat_id,
    refund_status: refund ? 'pending' : 'none', issued_at: issuedAt, retention_starts_at: retentionStartFor(issuedAt),
  });
  const credited = invoice.credited_cents + input.grossCents;
  await recordCredit(ctx.trx, invoice.id, credited, invoice.status === 'open' && credited === invoice.gross_cents ? 'cancelled' : invoice.status);
  // A checkout opened for the old amount must not be paid any more (a success on it is refunded).
  const expired = await expireLiveCheckouts(ctx.trx, invoice.id, issuedAt);
  if (refund) await enqueueJob(ctx.trx, { kind: refundKind, payload: { creditNoteId }, dedupeKey: `${refundKind}:${creditNoteId}` });
  await recordAuditEvent(ctx, { action: 'credit_note.issued', subjectId: invoice.subject_id, details: { creditNoteId, number, invoiceId: invoice.id, refund, expiredCheckouts: expired, fields: ['amount', 'reason'] } });
  return { creditNoteId, number };
}
