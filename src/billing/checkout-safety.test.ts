import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import type { TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { payRouteCsp } from './billing.routes.js';
import { billingRows, issueTestInvoice, startProcessorTestApp } from './billing.test-helpers.js';
import { creditUndeliveredItem } from './credit-undelivered-item.js';
import { issueCreditNote } from './issue-credit-note.js';
import { createLocalPaymentAdapter, type LocalPaymentAdapter } from './payment.adapter.js';
import { receivePaymentWebhook } from './receive-payment-webhook.js';
import { testSignatureHeader } from './webhook-signature.js';

describe('the test processor builds every URL from the configured public URL', () => {
  it('joins a public URL with a path prefix for the hosted page and the webhook target', async () => {
    const adapter = createLocalPaymentAdapter({ now: () => new Date(), publicUrl: 'https://shop.example/custodian/', webhookSecret: Buffer.alloc(32, 3) });
    const returnUrl = 'https://evil.example:8080/account/billing/invoices/x?checkout=returned';
    const checkout = await adapter.createCheckout({ invoiceId: 'x', invoiceNumber: '2026-000001', amountCents: 100, currency: 'EUR', returnUrl, cancelUrl: returnUrl, locale: 'en' });
    expect(checkout.checkoutUrl).toMatch(/^https:\/\/shop\.example\/custodian\/test-processor\/checkout\/tp_/);
    const fetched: string[] = [];
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      fetched.push(String(url));
      return new Response('{}', { status: 200 });
    });
    try {
      const url = new URL(checkout.checkoutUrl);
      const session = adapter.testProcessor.openSession(checkout.processorReference, url.searchParams.get('session')!)!;
      adapter.testProcessor.pay(session, 'visa-4242');
      await adapter.whenDelivered();
    } finally {
      spy.mockRestore();
    }
    expect(fetched).toEqual(['https://shop.example/custodian/api/v1/payments/webhook']);
  });

  it('widens form-action on the pay route only for a processor on another origin', () => {
    expect(payRouteCsp(undefined)).toBeNull();
    expect(payRouteCsp('https://checkout.processor.example/pay')).toContain("form-action 'self' https://checkout.processor.example;");
  });
});

describe.each(databaseKinds)('checkouts, voided checkouts and unexpected payments (%s)', (kind) => {
  let t: TestApp;
  let ada: SignedUpAccount;
  let client: HttpClient;
  let processor: LocalPaymentAdapter;

  beforeAll(async () => {
    ({ t, client, ada, processor } = await startProcessorTestApp(kind));
  });
  afterAll(async () => t?.close());

  const db = () => t.app.deps.db;
  const payment = (reference: string) => billingRows(t).payment(reference);
  const invoice = (id: string) => billingRows(t).invoice(id);
  const refundsOf = (invoiceId: string) => db().selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).where('kind', '=', 'refund').execute();

  async function checkout(invoiceId: string): Promise<{ processorReference: string; checkoutUrl: string }> {
    const response = await client.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { processorReference: string; checkoutUrl: string };
  }

  async function succeed(reference: string, amount: number): Promise<unknown> {
    const id = `evt_${randomUUID().replaceAll('-', '')}`;
    const body = JSON.stringify({ id, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), data: { reference, amount, currency: 'EUR', card: { brand: 'visa', last4: '4242' } } });
    const response = await t.client().request('POST', '/api/v1/payments/webhook', { raw: body, contentType: 'application/json', headers: { accept: 'application/json', [testSignatureHeader]: processor.signWebhook(body, new Date()) } });
    expect(response.status).toBe(200);
    return response.json();
  }

  const credit = (invoiceId: string, grossCents: number) =>
    inTransaction(db(), systemContext('dpv:ServiceProvision'), (ctx) => issueCreditNote(t.app.deps, ctx, { invoiceId, grossCents, reason: 'Goodwill' }));

  it('builds the return URL and webhook target from the public URL, whatever Host the request names', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const answer = await t.app.server.app.inject({
      method: 'POST', url: `/api/v1/billing/invoices/${invoiceId}/checkout`,
      headers: { host: '10.0.0.5:8080', cookie, accept: 'application/json', 'x-csrf-token': await client.csrfToken() },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const { checkoutUrl, processorReference } = answer.json() as { checkoutUrl: string; processorReference: string };
    expect(checkoutUrl.startsWith(`${t.config.http.publicUrl}/test-processor/checkout/`)).toBe(true);
    expect(checkoutUrl).not.toContain('10.0.0.5');
    const url = new URL(checkoutUrl);
    const paid = await t.client().postForm(url.pathname, { session: url.searchParams.get('session')!, card: 'visa-4242' });
    expect(paid.headers.get('location')).toBe(`${t.config.http.publicUrl}/account/billing/invoices/${invoiceId}?checkout=returned`);
    await processor.whenDelivered();
    // The webhook went to this server (the public URL), so the invoice is paid.
    expect(await payment(processorReference)).toMatchObject({ status: 'succeeded' });
    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid' });
  });

  it('keeps one live checkout per invoice: reused while the amount matches, expired when a credit note changes it', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const first = await checkout(invoiceId);
    expect(await checkout(invoiceId)).toEqual(first);
    await credit(invoiceId, 796);
    expect(await payment(first.processorReference)).toMatchObject({ status: 'expired' });
    const second = await checkout(invoiceId);
    expect(second.processorReference).not.toBe(first.processorReference);
    expect(await payment(second.processorReference)).toMatchObject({ status: 'pending', amount_cents: 3000 });

    // The customer pays the old, voided page anyway: recorded, never applied, refunded in full.
    expect(await succeed(first.processorReference, 3796)).toEqual({ received: true, outcome: 'processed' });
    expect(await invoice(invoiceId)).toMatchObject({ status: 'open' });
    expect(await payment(first.processorReference)).toMatchObject({ status: 'succeeded', amount_cents: 3796 });
    await t.runJobs();
    expect(await payment(first.processorReference)).toMatchObject({ status: 'refunded' });
    expect((await refundsOf(invoiceId)).map((r) => [r.status, r.amount_cents])).toEqual([['succeeded', 3796]]);
    await t.runJobs();
    expect(await refundsOf(invoiceId)).toHaveLength(1);

    // The live checkout still settles the invoice for what is due now.
    await succeed(second.processorReference, 3000);
    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid' });
  });

  it('refunds a success for an amount other than what is due, and one for an invoice no longer open', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const wrong = await checkout(invoiceId);
    await succeed(wrong.processorReference, 1);
    expect(await invoice(invoiceId)).toMatchObject({ status: 'open' });
    expect(await payment(wrong.processorReference)).toMatchObject({ status: 'succeeded', amount_cents: 1 });

    const cancelled = await issueTestInvoice(t, ada);
    const late = await checkout(cancelled.invoiceId);
    await credit(cancelled.invoiceId, 3796);
    expect(await invoice(cancelled.invoiceId)).toMatchObject({ status: 'cancelled' });
    expect(await payment(late.processorReference)).toMatchObject({ status: 'expired' });
    await succeed(late.processorReference, 3796);
    await t.runJobs();
    expect(await payment(wrong.processorReference)).toMatchObject({ status: 'refunded' });
    expect(await payment(late.processorReference)).toMatchObject({ status: 'refunded' });
    expect((await refundsOf(invoiceId)).map((r) => r.amount_cents)).toEqual([1]);
    expect((await refundsOf(cancelled.invoiceId)).map((r) => r.amount_cents)).toEqual([3796]);
    const audits = await db().selectFrom('audit_events').select('details').where('action', '=', 'payment.refund_queued').execute();
    expect(audits.map((a) => (a.details as { why: string }).why)).toEqual(expect.arrayContaining(['amount_mismatch', 'checkout_voided']));
  });

  it('logs a success for an unknown reference at error level', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const id = `evt_${randomUUID().replaceAll('-', '')}`;
    const body = JSON.stringify({ id, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), data: { reference: 'tp_nosuchreference1', amount: 500, currency: 'EUR', card: null } });
    const outcome = await receivePaymentWebhook({ ...t.app.deps, logger }, systemContext('dpv:ServiceProvision'), body, { [testSignatureHeader.toLowerCase()]: processor.signWebhook(body, new Date()) });
    expect(outcome).toBe('ignored');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 50, reason: 'unknown_reference', eventId: id })]);
  });

  it('credits an undelivered item\'s line in full and queues the refund of a paid invoice', async () => {
    const itemId = randomUUID();
    const { invoiceId } = await issueTestInvoice(t, ada, [
      { description: 'Domain example.net, one year', quantity: 1, unitAmountCents: 1000, item: { kind: 'domain', id: itemId } },
      { description: 'Set-up fee', quantity: 1, unitAmountCents: 500 },
    ]);
    await succeed((await checkout(invoiceId)).processorReference, 1785);
    const note = await inTransaction(db(), systemContext('dpv:ServiceProvision'), (ctx) => creditUndeliveredItem(t.app.deps, ctx, { invoiceId, kind: 'domain', itemId, reason: 'Refused by the registry' }));
    const row = await db().selectFrom('credit_notes').selectAll().where('id', '=', note!.creditNoteId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ gross_cents: 1190, refund_status: 'pending' });
    await t.runJobs();
    expect((await refundsOf(invoiceId)).map((r) => r.amount_cents)).toEqual([1190]);
  });

  it('limits checkouts per address: the 21st within ten minutes is refused with 429', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await client.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThan(21);
  });
});
