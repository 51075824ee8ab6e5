import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { expireUnpaidOrder, maxOpenUnpaidOrders, unpaidOrderExpiryKind } from './cancel-domain-order.js';
import { availabilityLimit, domainOrderLimit } from './domain-route-helpers.js';
import { localRegistryAuthCode } from './local-registry.js';
import { actFor, auditFor, contactOf, day, domainRow, payAndFulfil, registerViaApi, runJobsLater, samplePdf } from './domains.test-helpers.js';

type Customer = SignedUpAccount & { client: HttpClient };

/**
 * Unpaid registration and transfer orders reserve a name; they expire after a week, the customer
 * may cancel them, and one account may hold only a few at once. Ordering and availability checks
 * are rate limited per client address.
 */
describe.each(databaseKinds)('domains: unpaid orders and limits (%s)', (kind) => {
  let t: TestApp;
  let ada: Customer;
  let bob: Customer;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const signUp = async (firstName: string, lastName: string) => {
      const client = t.client();
      return { ...(await signUpVerified(t, client, { firstName, lastName })), client };
    };
    ada = await signUp('Ada', 'Lovelace');
    bob = await signUp('Bob', 'Builder');
  }, 120_000);
  afterAll(async () => t?.close());
  // Every test client calls from one address; each test starts with fresh per-address windows.
  beforeEach(async () => {
    await t.app.deps.db.deleteFrom('rate_limits').execute();
  });

  const invoiceOf = (id: string) => t.app.deps.db.selectFrom('invoices').select(['status', 'gross_cents', 'credited_cents']).where('id', '=', id).executeTakeFirstOrThrow();
  const creditNotesOf = (invoiceId: string) => t.app.deps.db.selectFrom('credit_notes').select(['gross_cents', 'reason', 'refund_status']).where('invoice_id', '=', invoiceId).execute();
  const orderOf = (id: string) => t.app.deps.db.selectFrom('domain_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const documentsOf = (domainId: string) => t.app.deps.db.selectFrom('domain_documents').select(['id', 'status']).where('domain_id', '=', domainId).execute();

  it('expires an unpaid registration and transfer after the period: name freed, auth code cleared, pending document deleted, invoice credited in full', async () => {
    const registration = await registerViaApi(ada.client, 'ada-unpaid.es');
    const uploaded = await ada.client.postMultipart(`/account/domains/${registration.domainId}/documents`, { documentType: 'passport' }, { document: { name: 'passport.pdf', type: 'application/pdf', data: samplePdf() } });
    expect(uploaded.status).toBe(303);
    expect(await documentsOf(registration.domainId)).toHaveLength(1);
    const transferResponse = await ada.client.api('POST', '/api/v1/domains/transfers', { fqdn: 'ada-taken.com', authCode: localRegistryAuthCode('ada-taken.com'), contacts: { registrant: contactOf('Ada Lovelace') } });
    expect(transferResponse.status, await transferResponse.clone().text()).toBe(201);
    const transfer = (await transferResponse.json()) as { domainId: string; orderId: string; invoiceId: string };
    expect((await domainRow(t, transfer.domainId)).transfer_auth_code_enc).not.toBeNull();
    // Someone else cannot order the reserved name meanwhile.
    expect((await bob.client.api('POST', '/api/v1/domains', { fqdn: 'ada-unpaid.es', contacts: { registrant: contactOf('Bob Builder') } })).status).toBe(409);

    // Within the period nothing happens.
    await runJobsLater(t, 6 * day);
    expect((await orderOf(registration.orderId)).status).toBe('awaiting_payment');

    await runJobsLater(t, 8 * day);
    for (const ordered of [registration, transfer]) {
      expect(await orderOf(ordered.orderId)).toMatchObject({ status: 'cancelled' });
      expect(await domainRow(t, ordered.domainId)).toMatchObject({ status: 'cancelled', transfer_auth_code_enc: null });
      const invoice = await invoiceOf(ordered.invoiceId);
      expect(invoice.status).toBe('cancelled');
      expect(invoice.credited_cents).toBe(invoice.gross_cents);
      expect(await creditNotesOf(ordered.invoiceId)).toEqual([{ gross_cents: invoice.gross_cents, reason: 'Domain order not paid in time; order cancelled', refund_status: 'none' }]);
      const audit = await auditFor(t, 'domains.order_expired_unpaid', ordered.domainId);
      expect(audit).toHaveLength(1);
      expect(Object.keys(audit[0]!.details as object).sort()).toEqual(['creditNoteId', 'documentsDeleted', 'domainId', 'invoiceId', 'kind', 'orderId']);
    }
    expect(await documentsOf(registration.domainId)).toEqual([]);

    // Idempotent: the job running again changes nothing.
    await expireUnpaidOrder(t.app.deps, registration.orderId);
    expect(await creditNotesOf(registration.invoiceId)).toHaveLength(1);
    expect(await auditFor(t, 'domains.order_expired_unpaid', registration.domainId)).toHaveLength(1);

    // The name is free again, for anyone.
    const again = await registerViaApi(bob.client, 'ada-unpaid.es', { registrant: 'Bob Builder' });
    expect(again.domainId).not.toBe(registration.domainId);
  });

  it('leaves a paid order alone when its expiry job runs', async () => {
    const ordered = await registerViaApi(ada.client, 'ada-paid-in-time.com');
    await payAndFulfil(t, ada.client, ordered.invoiceId);
    expect((await orderOf(ordered.orderId)).status).not.toBe('awaiting_payment');
    await runJobsLater(t, 8 * day);
    expect((await orderOf(ordered.orderId)).status).not.toBe('cancelled');
    expect((await invoiceOf(ordered.invoiceId)).status).toBe('paid');
    expect(await creditNotesOf(ordered.invoiceId)).toEqual([]);
    const jobs = await t.app.deps.db.selectFrom('jobs').select('status').where('kind', '=', unpaidOrderExpiryKind).execute();
    expect(jobs.every((job) => job.status === 'done')).toBe(true);
  });

  it('lets the customer cancel an unpaid order by page and API; others get 404, a paid or closed order 409', async () => {
    const byPage = await registerViaApi(ada.client, 'ada-changed-mind.net');
    const page = await (await ada.client.get(`/account/domains/${byPage.domainId}`)).text();
    expect(page).toContain(`action="/account/domains/${byPage.domainId}/cancel"`);
    expect(page).toContain('An order not paid within 7 days is cancelled automatically.');

    expect((await bob.client.postForm(`/account/domains/${byPage.domainId}/cancel`, {})).status).toBe(404);
    expect((await bob.client.api('POST', `/api/v1/domains/${byPage.domainId}/cancellation`)).status).toBe(404);
    expect((await orderOf(byPage.orderId)).status).toBe('awaiting_payment');

    const cancelled = await ada.client.postForm(`/account/domains/${byPage.domainId}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(`/account/domains/${byPage.domainId}?done=cancelled`);
    expect(await domainRow(t, byPage.domainId)).toMatchObject({ status: 'cancelled' });
    expect((await invoiceOf(byPage.invoiceId)).status).toBe('cancelled');
    expect(await creditNotesOf(byPage.invoiceId)).toEqual([expect.objectContaining({ reason: 'Domain order cancelled by the customer before payment' })]);
    const audit = await auditFor(t, 'domains.order_cancelled', byPage.domainId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'customer', subject_id: ada.subjectId });
    const after = await (await ada.client.get(`/account/domains/${byPage.domainId}?done=cancelled`)).text();
    expect(after).toContain('The order is cancelled and its invoice credited in full.');
    expect(after).not.toContain('/cancel"');

    const twice = await ada.client.postForm(`/account/domains/${byPage.domainId}/cancel`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('This domain has no unpaid order to cancel.');

    const byApi = await registerViaApi(ada.client, 'ada-changed-mind.org');
    const viaApi = await ada.client.api('POST', `/api/v1/domains/${byApi.domainId}/cancellation`);
    expect(viaApi.status, await viaApi.clone().text()).toBe(200);
    expect(await viaApi.json()).toEqual({ orderId: byApi.orderId });
    expect((await ada.client.api('POST', `/api/v1/domains/${byApi.domainId}/cancellation`)).status).toBe(409);
    expect((await ada.client.api('POST', '/api/v1/domains/not-a-uuid/cancellation')).status).toBe(400);

    const paid = await registerViaApi(ada.client, 'ada-keeps.com');
    await payAndFulfil(t, ada.client, paid.invoiceId);
    expect((await ada.client.api('POST', `/api/v1/domains/${paid.domainId}/cancellation`)).status).toBe(409);
    expect((await invoiceOf(paid.invoiceId)).status).toBe('paid');
  });

  it('lets a trusted user cancel only with the domains grant', async () => {
    const ordered = await registerViaApi(ada.client, 'ada-delegated.eu');
    const dan = t.client();
    const danAccount = await signUpVerified(t, dan, { firstName: 'Dan', lastName: 'Deputy' });
    await actFor(t, ada, { client: dan, email: danAccount.email }, ['billing']);
    expect((await dan.api('POST', `/api/v1/domains/${ordered.domainId}/cancellation`)).status).toBe(403);
    expect((await orderOf(ordered.orderId)).status).toBe('awaiting_payment');
  });

  it(`refuses more than ${maxOpenUnpaidOrders} unpaid registrations or transfers per account with a clear 409`, async () => {
    const eve = t.client();
    await signUpVerified(t, eve, { firstName: 'Eve', lastName: 'Many' });
    for (let i = 0; i < maxOpenUnpaidOrders; i += 1) await registerViaApi(eve, `eve-hoard-${i}.com`, { registrant: 'Eve Many' });
    const refused = await eve.api('POST', '/api/v1/domains', { fqdn: 'eve-hoard-extra.com', contacts: { registrant: contactOf('Eve Many') } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toBe(`This account already has ${maxOpenUnpaidOrders} unpaid domain orders; pay or cancel one before ordering another`);
    expect(await t.app.deps.db.selectFrom('domains').select('id').where('fqdn', '=', 'eve-hoard-extra.com').execute()).toEqual([]);
  });

  it('limits orders and availability checks per client address', async () => {
    let status = 0;
    for (let i = 0; i <= domainOrderLimit.limit && status !== 429; i += 1) {
      status = (await ada.client.api('POST', '/api/v1/domains', { fqdn: 'limited.invalidtld', contacts: { registrant: contactOf('Ada Lovelace') } })).status;
    }
    expect(status).toBe(429);
    // Page and API share the window.
    expect((await ada.client.api('POST', '/api/v1/domains/transfers', { fqdn: 'limited.invalidtld', authCode: 'x', contacts: { registrant: contactOf('Ada Lovelace') } })).status).toBe(429);

    status = 0;
    for (let i = 0; i <= availabilityLimit.limit && status !== 429; i += 1) {
      status = (await ada.client.api('GET', '/api/v1/domains/availability?name=limited.invalidtld')).status;
    }
    expect(status).toBe(429);
    expect((await ada.client.get('/account/domains?fqdn=example.com')).status).toBe(429);
    // The list page without a name asks no registrar and is not limited.
    expect((await ada.client.get('/account/domains')).status).toBe(200);
  });
});
