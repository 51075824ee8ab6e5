import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findInvoiceOfAccount, lockInvoice, type InvoiceRow } from './billing.store.js';
import { retentionStartFor } from './invoice-amounts.js';
import type { Checkout } from './payment.adapter.js';
import { expireLiveCheckouts, findLiveCheckout, insertPayment } from './payments.store.js';

export interface CheckoutInput {
  readonly accountId: string;
  readonly invoiceId: string;
  /**
   * Ignored: the processor sends the customer back to the configured public URL only, never to an
   * address taken from a request. Kept optional so existing callers compile; do not pass it.
   */
  readonly origin?: string;
  readonly locale: string;
}

type Deps = Pick<AppDeps, 'db' | 'adapters' | 'now' | 'config'>;

/** What is due now on an open invoice of the account, or a typed error. */
async function dueNow(ctx: RequestContext, accountId: string, invoiceId: string): Promise<{ invoice: InvoiceRow; due: number }> {
  const invoice = await lockInvoice(ctx.trx, invoiceId);
  if (!invoice || invoice.account_id !== accountId) throw new AppError('NOT_FOUND', 'No such invoice');
  const due = invoice.gross_cents - invoice.credited_cents;
  if (invoice.status !== 'open' || due <= 0) throw new AppError('CONFLICT', 'This invoice has nothing left to pay');
  return { invoice, due };
}

/**
 * Opens a hosted checkout at the payment processor for what is due on an open invoice of the
 * account. An invoice has at most one live checkout: it is reused while its amount still matches
 * what is due and the processor still accepts it; otherwise it is expired and a new one opened.
 */
export async function startCheckout(deps: Deps, context: ContextWithoutTransaction, input: CheckoutInput): Promise<Checkout> {
  if (!(await findInvoiceOfAccount(deps.db, input.accountId, input.invoiceId))) throw new AppError('NOT_FOUND', 'No such invoice');
  const reused = await inTransaction(deps.db, context, async (ctx) => {
    const { invoice, due } = await dueNow(ctx, input.accountId, input.invoiceId);
    const live = await findLiveCheckout(ctx.trx, invoice.id);
    if (live?.checkout_url && live.amount_cents === due && live.currency === invoice.currency && live.checkout_expires_at && live.checkout_expires_at > deps.now()) {
      return { reuse: { processorReference: live.processor_reference, checkoutUrl: live.checkout_url } };
    }
    for (const paymentId of await expireLiveCheckouts(ctx.trx, invoice.id, deps.now())) {
      await recordAuditEvent(ctx, { action: 'payment.checkout_expired', subjectId: invoice.subject_id, details: { paymentId, invoiceId: invoice.id, why: 'superseded' } });
    }
    return { invoice, due };
  });
  if ('reuse' in reused && reused.reuse) return reused.reuse;

  const { invoice, due } = reused;
  // Joined to the configured public URL (it may carry a path prefix); never the request's Host.
  const invoicePage = `${deps.config.http.publicUrl.replace(/\/+$/, '')}/account/billing/invoices/${invoice.id}`;
  const processor = deps.adapters.payments;
  const checkout = await processor.createCheckout({
    invoiceId: invoice.id, invoiceNumber: invoice.number, amountCents: due, currency: invoice.currency,
    returnUrl: `${invoicePage}?checkout=returned`, cancelUrl: `${invoicePage}?checkout=cancelled`, locale: input.locale,
  });
  await inTransaction(deps.db, context, async (ctx) => {
    // The invoice may have changed while the processor answered: only what is due now may be paid.
    const now = await dueNow(ctx, input.accountId, input.invoiceId);
    if (now.due !== due) throw new AppError('CONFLICT', 'The amount due changed meanwhile; please try again');
    await expireLiveCheckouts(ctx.trx, invoice.id, deps.now());
    const paymentId = await insertPayment(ctx.trx, {
      invoice_id: invoice.id, invoice_number: invoice.number, credit_note_id: null, account_id: invoice.account_id, subject_id: invoice.subject_id,
      kind: 'charge', processor: processor.name, processor_reference: checkout.processorReference, status: 'pending',
      amount_cents: due, currency: invoice.currency, card_brand: null, card_last4: null, completed_at: null,
      checkout_url: checkout.checkoutUrl, checkout_expires_at: checkout.expiresAt ?? null, retention_starts_at: retentionStartFor(deps.now()),
    });
    await recordAuditEvent(ctx, { action: 'payment.checkout_started', subjectId: invoice.subject_id, details: { paymentId, invoiceId: invoice.id, processor: processor.name } });
  });
  return { processorReference: checkout.processorReference, checkoutUrl: checkout.checkoutUrl };
}
