import { systemActor, type ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { isLocalPaymentAdapter } from './payment.adapter.js';
import { findPaymentOfAccountByReference } from './payments.store.js';
import { receivePaymentWebhook } from './receive-payment-webhook.js';
import { startCheckout } from './start-checkout.js';
import { testSignatureHeader } from './webhook-signature.js';

/**
 * Pays an invoice the way the built-in test processor does — a checkout, then its signed
 * 'payment.succeeded' webhook — for demo data. False when another processor is plugged in.
 */
export async function payWithTestCard(deps: AppDeps, context: ContextWithoutTransaction, accountId: string, invoiceId: string, card = { brand: 'visa', last4: '4242' }): Promise<boolean> {
  const processor = deps.adapters.payments;
  if (!isLocalPaymentAdapter(processor)) return false;
  const checkout = await startCheckout(deps, context, { accountId, invoiceId, origin: new URL(deps.config.http.publicUrl).origin, locale: 'en' });
  const payment = await findPaymentOfAccountByReference(deps.db, accountId, checkout.processorReference);
  if (!payment) throw new Error('the checkout recorded no payment');
  const body = JSON.stringify({
    id: `evt_demo${invoiceId.replaceAll('-', '').slice(0, 20)}`,
    type: 'payment.succeeded',
    created: Math.floor(deps.now().getTime() / 1000),
    data: { reference: checkout.processorReference, amount: payment.amount_cents, currency: payment.currency, card },
  });
  await receivePaymentWebhook(deps, { ...context, actor: systemActor }, body, { [testSignatureHeader.toLowerCase()]: processor.signWebhook(body, deps.now()) });
  return true;
}
