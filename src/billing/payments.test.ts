import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import type { TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { systemContext } from '../context/request-context.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import { seedBillingDemo } from './billing.demo.js';
import { billingRows, issueTestInvoice, startProcessorTestApp } from './billing.test-helpers.js';
import { fulfilJobKind } from './fulfil-jobs.js';
import type { LocalPaymentAdapter } from './payment.adapter.js';
import { receivePaymentWebhook } from './receive-payment-webhook.js';
import { signWebhookBody, testSignatureHeader } from './webhook-signature.js';

describe.each(databaseKinds)('payments through the test processor (%s)', (kind) => {
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
  const fulfilJobs = (invoiceId: string) => db().selectFrom('jobs').select(['kind', 'payload']).where('kind', 'like', 'billing.fulfil.%').execute()
    .then((jobs) => jobs.filter((job) => job.payload.invoiceId === invoiceId));
  const webhookEvents = (eventId: string) => db().selectFrom('payment_webhook_events').selectAll().where('event_id', '=', eventId).orderBy('received_at').execute();

  async function checkout(invoiceId: string): Promise<{ reference: string; url: URL }> {
    const response = await client.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as { processorReference: string; checkoutUrl: string };
    return { reference: body.processorReference, url: new URL(body.checkoutUrl) };
  }

  function event(reference: string, amount: number, type = 'payment.succeeded', id = `evt_${randomUUID().replaceAll('-', '')}`) {
    return { id, body: JSON.stringify({ id, type, created: Math.floor(Date.now() / 1000), data: { reference, amount, currency: 'EUR', card: { brand: 'visa', last4: '4242' } } }) };
  }

  const postWebhook = (body: string, signature?: string) =>
    t.client().request('POST', '/api/v1/payments/webhook', { raw: body, contentType: 'application/json', headers: { accept: 'application/json', ...(signature === undefined ? {} : { [testSignatureHeader]: signature }) } });

  it('pays an invoice: Pay now, the hosted test page, the signed webhook; the invoice is paid and each item queued for fulfilment', async () => {
    const serviceId = randomUUID();
    const domainId = randomUUID();
    const { invoiceId, number } = await issueTestInvoice(t, ada, [
      { description: 'Web hosting Basic, one month', quantity: 1, unitAmountCents: 499, item: { kind: 'service', id: serviceId } },
      { description: 'Domain example.org, one year', quantity: 1, unitAmountCents: 1190, item: { kind: 'domain', id: domainId } },
      { description: 'Set-up fee', quantity: 1, unitAmountCents: 500 },
    ]);
    const pay = await client.postForm(`/account/billing/invoices/${invoiceId}/pay`, {});
    expect(pay.status).toBe(303);
    const checkoutUrl = new URL(pay.headers.get('location')!);
    expect(checkoutUrl.origin).toBe(t.baseUrl);
    expect(checkoutUrl.pathname).toMatch(/^\/test-processor\/checkout\/tp_/);
    const reference = checkoutUrl.pathname.split('/').at(-1)!;
    expect(await payment(reference)).toMatchObject({ status: 'pending', amount_cents: 2605, kind: 'charge', account_id: ada.accountId, invoice_number: number });

    const browser = t.client();
    const hosted = await browser.get(checkoutUrl.pathname + checkoutUrl.search);
    expect(hosted.status).toBe(200);
    const page = await hosted.text();
    for (const text of ['Test payment processor', 'no card details are asked for', 'Visa ending 4242: the payment succeeds', 'Visa ending 0002: the card is declined', '€26.05']) expect(page).toContain(text);
    // Choices only: the page has no field a card number could be typed into.
    expect(page).not.toMatch(/<input[^>]+type="(text|tel|number)"/);
    expect(page).not.toMatch(/<textarea/);

    const session = checkoutUrl.searchParams.get('session')!;
    const paid = await browser.postForm(checkoutUrl.pathname, { session, card: 'visa-4242' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${t.baseUrl}/account/billing/invoices/${invoiceId}?checkout=returned`);
    await processor.whenDelivered();

    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid' });
    expect((await invoice(invoiceId)).paid_at).not.toBeNull();
    expect(await payment(reference)).toMatchObject({ status: 'succeeded', card_brand: 'visa', card_last4: '4242' });
    const jobs = await fulfilJobs(invoiceId);
    expect(jobs.map((j) => [j.kind, j.payload]).sort()).toEqual([
      [fulfilJobKind('domain'), { itemId: domainId, invoiceId }],
      [fulfilJobKind('service'), { itemId: serviceId, invoiceId }],
    ]);
    const actions = (await db().selectFrom('audit_events').select(['action', 'actor_type']).where('subject_id', '=', ada.subjectId).execute());
    expect(actions).toEqual(expect.arrayContaining([{ action: 'payment.checkout_started', actor_type: 'customer' }, { action: 'payment.succeeded', actor_type: 'system' }, { action: 'invoice.paid', actor_type: 'system' }]));

    const back = await (await client.get(`/account/billing/invoices/${invoiceId}?checkout=returned`)).text();
    expect(back).toContain('Thank you: your payment is confirmed.');
    expect(back).toContain('Visa ending 4242');
    expect(back).not.toContain('Pay €');
    expect((await client.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`)).status).toBe(409);
    const payments = (await (await client.api('GET', '/api/v1/billing/payments')).json()) as { payments: Array<{ processorReference: string; card: unknown }> };
    expect(payments.payments.find((p) => p.processorReference === reference)?.card).toEqual({ brand: 'visa', last4: '4242' });
  });

  it('shows a declined test card on the processor page and leaves the invoice open until another card succeeds', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const { reference, url } = await checkout(invoiceId);
    const browser = t.client();
    const session = url.searchParams.get('session')!;
    const declined = await browser.postForm(url.pathname, { session, card: 'visa-0002' });
    expect(declined.status).toBe(200);
    expect(await declined.text()).toContain('The card was declined (Visa ending 0002: the card is declined)');
    await processor.whenDelivered();
    expect(await payment(reference)).toMatchObject({ status: 'failed', card_last4: '0002' });
    expect(await invoice(invoiceId)).toMatchObject({ status: 'open' });

    expect((await browser.postForm(url.pathname, { session, card: 'not-a-card' })).status).toBe(400);
    expect((await browser.postForm(url.pathname, { session: `${session}x`, card: 'visa-4242' })).status).toBe(404);
    expect((await browser.get(`${url.pathname}?session=forged.token`)).status).toBe(404);
    expect((await browser.postForm(url.pathname, { session, card: 'mastercard-4444' })).status).toBe(303);
    await processor.whenDelivered();
    expect(await payment(reference)).toMatchObject({ status: 'succeeded', card_brand: 'mastercard', card_last4: '4444' });
    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid' });
  });

  it('refuses webhooks with a missing, malformed, wrong or stale signature or a tampered body: 401, recorded with the reason', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const { reference } = await checkout(invoiceId);
    const valid = event(reference, 3796);
    const now = new Date();
    const attempts: Array<[string, string | undefined, string]> = [
      ['missing', undefined, 'signature_missing'],
      ['malformed', 'garbage', 'signature_malformed'],
      ['wrong secret', signWebhookBody(Buffer.alloc(32, 1), valid.body, now), 'signature_invalid'],
      ['stale', processor.signWebhook(valid.body, new Date(now.getTime() - 6 * 60_000)), 'timestamp_outside_tolerance'],
      ['from the future', processor.signWebhook(valid.body, new Date(now.getTime() + 6 * 60_000)), 'timestamp_outside_tolerance'],
    ];
    for (const [label, signature, reason] of attempts) {
      const response = await postWebhook(valid.body, signature);
      expect(response.status, label).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 401, code: 'WEBHOOK_SIGNATURE_INVALID' });
      expect((await webhookEvents(valid.id)).at(-1), label).toMatchObject({ outcome: 'refused', reason, processor: 'local-test-processor' });
    }
    // Signed, then altered on the way: the amount no longer matches the signature.
    const tampered = valid.body.replace('"amount":3796', '"amount":1');
    expect((await postWebhook(tampered, processor.signWebhook(valid.body, now))).status).toBe(401);
    const refused = await webhookEvents(valid.id);
    expect(refused.map((r) => r.reason)).toEqual(['signature_missing', 'signature_malformed', 'signature_invalid', 'timestamp_outside_tolerance', 'timestamp_outside_tolerance', 'signature_invalid']);
    expect(await payment(reference)).toMatchObject({ status: 'pending' });
    expect(await invoice(invoiceId)).toMatchObject({ status: 'open' });

    // A card number anywhere in a body is refused before anything else reads it.
    const withCard = JSON.stringify({ id: 'evt_cardcard1', note: '4111 1111 1111 1111' });
    expect((await postWebhook(withCard, processor.signWebhook(withCard, now))).status).toBe(400);

    const accepted = await postWebhook(valid.body, processor.signWebhook(valid.body, new Date()));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ received: true, outcome: 'processed' });
    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid' });
  });

  it('treats a redelivered event as a no-op and ignores events for unknown or settled payments', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada, [{ description: 'VPS S', quantity: 1, unitAmountCents: 1900, item: { kind: 'service', id: randomUUID() } }]);
    const { reference } = await checkout(invoiceId);
    const first = event(reference, 2261);
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await (await postWebhook(first.body, processor.signWebhook(first.body, new Date()))).json());
    expect(answers).toEqual([{ received: true, outcome: 'processed' }, { received: true, outcome: 'duplicate' }, { received: true, outcome: 'duplicate' }]);
    expect((await webhookEvents(first.id)).map((r) => r.outcome)).toEqual(['processed']);
    expect(await fulfilJobs(invoiceId)).toHaveLength(1);
    const paidAudits = await db().selectFrom('audit_events').select('details').where('action', '=', 'invoice.paid').where('subject_id', '=', ada.subjectId).execute();
    expect(paidAudits.filter((a) => (a.details as { invoiceId?: string }).invoiceId === invoiceId)).toHaveLength(1);

    const again = event(reference, 2261);
    expect(await (await postWebhook(again.body, processor.signWebhook(again.body, new Date()))).json()).toEqual({ received: true, outcome: 'ignored' });
    expect((await webhookEvents(again.id))[0]).toMatchObject({ outcome: 'ignored', reason: 'payment_already_succeeded' });
    const unknown = event('tp_unknownreference1', 100);
    expect(await (await postWebhook(unknown.body, processor.signWebhook(unknown.body, new Date()))).json()).toEqual({ received: true, outcome: 'ignored' });
    expect((await webhookEvents(unknown.id))[0]).toMatchObject({ outcome: 'ignored', reason: 'unknown_reference' });
    expect(await fulfilJobs(invoiceId)).toHaveLength(1);
  });

  it('refunds a credit note on a paid invoice through the processor, once', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const { reference } = await checkout(invoiceId);
    const paid = event(reference, 3796);
    expect((await postWebhook(paid.body, processor.signWebhook(paid.body, new Date()))).status).toBe(200);
    const billing = t.client();
    await signInStaffApi(billing, await createTestStaff(t, 'billing'));
    const detail = await (await billing.get(`/console/invoices/${invoiceId}`)).text();
    expect(detail).toContain('the amount is refunded through the payment processor');
    expect((await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '5.00', reason: 'Partial refund after a plan downgrade' })).status).toBe(303);
    const note = await db().selectFrom('credit_notes').selectAll().where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
    expect(note.refund_status).toBe('pending');
    await t.runJobs();
    expect((await db().selectFrom('credit_notes').select('refund_status').where('id', '=', note.id).executeTakeFirstOrThrow()).refund_status).toBe('refunded');
    const refunds = await db().selectFrom('payments').selectAll().where('credit_note_id', '=', note.id).execute();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ kind: 'refund', status: 'succeeded', amount_cents: 500, invoice_id: invoiceId });
    expect(refunds[0]!.processor_reference).toMatch(/^tp_re_/);
    expect(await (await client.get('/account/billing')).text()).toContain('Refunded');
  });

  it('settles an invoice with nothing to pay at issue and queues its items', async () => {
    const itemId = randomUUID();
    const { invoiceId } = await issueTestInvoice(t, ada, [{ description: 'Free plan, one month', quantity: 1, unitAmountCents: 0, item: { kind: 'service', id: itemId } }]);
    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid', gross_cents: 0 });
    expect(await fulfilJobs(invoiceId)).toEqual([{ kind: fulfilJobKind('service'), payload: { itemId, invoiceId } }]);
    expect((await client.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`)).status).toBe(409);
  });

  it('logs a refused webhook with ids and the reason only, never the body', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const body = JSON.stringify({ id: 'evt_loggedrefusal1', type: 'payment.succeeded', data: { reference: 'tp_somereference1', amount: 4242, holder: 'Ada Lovelace' } });
    const context = { ...systemContext('dpv:ServiceProvision'), requestId: 'request-1' };
    await expect(receivePaymentWebhook({ ...t.app.deps, logger }, context, body, { [testSignatureHeader.toLowerCase()]: signWebhookBody(Buffer.alloc(32, 1), body, new Date()) })).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ level: 40, msg: 'payment webhook refused', reason: 'signature_invalid', eventId: 'evt_loggedrefusal1', processor: 'local-test-processor', requestId: 'request-1' })]);
    expect(lines.join('')).not.toMatch(/Ada|4242|tp_somereference1/);
  });

  it('seeds demo billing through the use cases: three invoices, two paid, one credit note', async () => {
    const customer = await signUpVerified(t, t.client());
    let seed = 7;
    await seedBillingDemo(t.app.deps, customer, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    const invoices = await db().selectFrom('invoices').select(['id', 'status']).where('account_id', '=', customer.accountId).execute();
    expect(invoices.map((i) => i.status).sort()).toEqual(['open', 'paid', 'paid']);
    const notes = await db().selectFrom('credit_notes').select('refund_status').where('account_id', '=', customer.accountId).execute();
    expect(notes).toEqual([{ refund_status: 'pending' }]);
    const payments = await db().selectFrom('payments').select(['status', 'card_last4']).where('account_id', '=', customer.accountId).execute();
    expect(payments.filter((p) => p.status === 'succeeded').map((p) => p.card_last4).sort()).toEqual(['4242', '4444']);
  });
});

