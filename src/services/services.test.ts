import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { fulfilJobKind } from '../billing/fulfil-jobs.js';
import { seededRandom } from '../demo/seeded-random.js';
import { fulfilServiceOrder } from './provision-service.js';
import { seedServicesDemo } from './services.demo.js';
import { serviceOrderLimit } from './services.routes.js';
import { auditOf, finishProvisioning, localPanel, orderViaApi, payInvoice, serviceRow } from './services.test-helpers.js';

/**
 * Ordering, paying, provisioning through the local panel, failure and cancellation, over HTTP
 * against the real server; background work runs through t.runJobs() with the production handlers.
 */
describe.each(databaseKinds)('services: catalogue, orders and their life (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount & { client: HttpClient };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const client = t.client();
    alice = { ...(await signUpVerified(t, client, { firstName: 'Alice', lastName: 'Arden' })), client };
  }, 120_000);
  afterAll(async () => t?.close());

  it('offers a catalogue of all five kinds with monthly net prices, to anyone and on the order form', async () => {
    const response = await t.client().api('GET', '/api/v1/services/plans');
    expect(response.status).toBe(200);
    const { currency, plans } = (await response.json()) as { currency: string; plans: { code: string; kind: string; monthlyPriceCents: number }[] };
    expect(currency).toBe(t.config.billing.currency);
    expect(new Set(plans.map((p) => p.kind))).toEqual(new Set(['shared_hosting', 'vps', 'dedicated_server', 'ssl_certificate', 'panel_licence']));
    expect(plans.find((p) => p.code === 'hosting-starter')).toMatchObject({ monthlyPriceCents: 399 });
    expect(plans.every((p) => Number.isInteger(p.monthlyPriceCents) && p.monthlyPriceCents > 0)).toBe(true);

    const page = await alice.client.get('/account/services');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('You have no services yet.');
    expect(text).toContain('value="vps-m"');
    expect(text).toContain('<legend>Control-panel licences</legend>');
  });

  it('orders a plan: the service waits as ordered and its invoice is issued with it, naming no hostname', async () => {
    const { service, invoice } = await orderViaApi(alice.client, { plan: 'hosting-starter', hostname: 'Alice-Shop.Example' });
    expect(service).toMatchObject({ status: 'ordered', hostname: 'alice-shop.example', invoiceId: invoice.id });
    const lines = await t.app.deps.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoice.id).execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ item_kind: 'service', item_id: service.id, unit_net_cents: 399, quantity: 1 });
    expect(lines[0]!.description).toContain('Web Hosting Starter');
    expect(lines[0]!.description).not.toContain('alice-shop');
    const [audit] = await auditOf(t, 'service.ordered', service.id);
    expect(audit).toMatchObject({ actor_type: 'customer', actor_id: alice.accountId, subject_id: alice.subjectId });
    expect(JSON.stringify(audit!.details)).not.toContain('alice-shop');

    const detail = await (await alice.client.get(`/account/services/${service.id}?done=ordered`)).text();
    expect(detail).toContain('Your order is placed and its invoice has been issued.');
    expect(detail).toContain('Waiting for payment');
    expect(detail).toContain(`href="/account/billing/invoices/${invoice.id}"`);
  });

  it('the order form redirects to the new service, and re-renders with clear errors on bad input', async () => {
    const ordered = await alice.client.postForm('/account/services', { plan: 'ssl-dv', hostname: 'www.alice.example', serverIp: '' });
    expect(ordered.status).toBe(303);
    expect(ordered.headers.get('location')).toMatch(/^\/account\/services\/[0-9a-f-]{36}\?done=ordered$/);

    const noHost = await alice.client.postForm('/account/services', { plan: 'vps-s', hostname: '', serverIp: '' });
    expect(noHost.status).toBe(400);
    const noHostPage = await noHost.text();
    expect(noHostPage).toContain('Enter a domain or hostname such as example.com.');
    expect(noHostPage).toContain('value="vps-s" checked');
    const badIp = await alice.client.postForm('/account/services', { plan: 'panel-admin', hostname: '', serverIp: '192.168.1.10' });
    expect(badIp.status).toBe(400);
    expect(await badIp.text()).toContain('Enter the public IPv4 or IPv6 address of the server the licence is for.');
    expect((await alice.client.postForm('/account/services', { plan: 'no-such-plan', hostname: 'a.example' })).status).toBe(400);
    expect((await alice.client.postForm('/account/services', { hostname: 'a.example' })).status).toBe(400);

    const api = await alice.client.api('POST', '/api/v1/services', { plan: 'hosting-pro', hostname: 'not a host name' });
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(await api.json()).toMatchObject({ errors: [{ field: 'hostname' }] });
    // Nothing was written for the refused orders: only the two accepted ones exist.
    const count = await t.app.deps.db.selectFrom('services').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', alice.accountId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('paying the invoice sets the service up through the panel: provisioning, then active with documentation-range addresses', async () => {
    const { service, invoice } = await orderViaApi(alice.client, { plan: 'vps-m', hostname: 'srv1.alice.example' });
    await payInvoice(t, alice.client, invoice.id);
    await t.runJobs();
    const provisioning = await serviceRow(t, service.id);
    expect(provisioning).toMatchObject({ status: 'provisioning', activated_at: null });
    expect(provisioning.operation_id).toBeTruthy();
    expect(await (await alice.client.get(`/account/services/${service.id}`)).text()).toContain('This service is being set up.');

    await finishProvisioning(t);
    const active = await serviceRow(t, service.id);
    expect(active.status).toBe('active');
    expect(active.server_ip).toMatch(/^198\.51\.100\.\d{1,3}$/);
    expect(active.server_ipv6).toMatch(/^2001:db8:/);
    expect(active.period_ends_at!.getTime()).toBeGreaterThan(active.activated_at!.getTime() + 27 * 24 * 3600_000);
    expect(await localPanel(t).status(active.external_id!)).toBe('active');
    const activated = await auditOf(t, 'service.activated', service.id);
    expect(activated.map((event) => event.details)).toEqual([{ serviceId: service.id }]);

    // A fulfil job that runs again (at least once delivery) changes nothing.
    await fulfilServiceOrder(t.app.deps, { id: 'repeat', payload: { itemId: service.id, invoiceId: invoice.id }, now: new Date() });
    expect(await serviceRow(t, service.id)).toEqual(active);
    const jobs = await t.app.deps.db.selectFrom('jobs').select('status').where('kind', '=', fulfilJobKind('service')).execute();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);

    const api = (await (await alice.client.api('GET', `/api/v1/services/${service.id}`)).json()) as { service: { status: string; serverIp: string }; licence: unknown };
    expect(api).toMatchObject({ service: { status: 'active', serverIp: active.server_ip }, licence: null });
  });

  it('a panel that refuses the set-up ends the service as failed and tells the customer', async () => {
    const { service, invoice } = await orderViaApi(alice.client, { plan: 'hosting-business', hostname: 'fail-shop.example' });
    await payInvoice(t, alice.client, invoice.id);
    await t.runJobs();
    await finishProvisioning(t);
    expect(await serviceRow(t, service.id)).toMatchObject({ status: 'failed', failure_reason: 'rejected_by_panel', operation_id: null });
    const inbox = (await (await alice.client.api('GET', '/api/v1/account/messages')).json()) as { messages: { category: string; title: string; body: string }[] };
    const told = inbox.messages.filter((m) => m.title === 'We could not set up Web Hosting Business (fail-shop.example)');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ category: 'maintenance' });
    expect(told[0]!.body).toContain(`/account/services/${service.id}`);
    expect(await (await alice.client.get(`/account/services/${service.id}`)).text()).toContain('We could not set this service up.');
  });

  it('cancels an unpaid order at once, and a running service at the end of its paid term', async () => {
    const unpaid = await orderViaApi(alice.client, { plan: 'ssl-wildcard', hostname: 'alice.example' });
    const cancelNow = await alice.client.postForm(`/account/services/${unpaid.service.id}/cancel`, {});
    expect(cancelNow.status).toBe(303);
    expect(cancelNow.headers.get('location')).toBe(`/account/services/${unpaid.service.id}?done=cancelled`);
    expect(await serviceRow(t, unpaid.service.id)).toMatchObject({ status: 'cancelled' });
    expect((await alice.client.api('POST', `/api/v1/services/${unpaid.service.id}/cancel`)).status).toBe(409);
    // Its invoice is cancelled by a credit note for the full amount, so no reminder or payment follows.
    const invoice = await t.app.deps.db.selectFrom('invoices').select(['status', 'gross_cents', 'credited_cents']).where('id', '=', unpaid.invoice.id).executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({ status: 'cancelled', credited_cents: invoice.gross_cents });
    expect(await t.app.deps.db.selectFrom('credit_notes').select('gross_cents').where('invoice_id', '=', unpaid.invoice.id).execute()).toEqual([{ gross_cents: invoice.gross_cents }]);

    // Paid but not yet set up: the fulfil job is on its way, so cancelling waits until it is ready.
    const paidNotSetUp = await orderViaApi(alice.client, { plan: 'ssl-dv', hostname: 'pay.alice.example' });
    await payInvoice(t, alice.client, paidNotSetUp.invoice.id);
    expect((await alice.client.api('POST', `/api/v1/services/${paidNotSetUp.service.id}/cancel`)).status).toBe(409);
    expect((await serviceRow(t, paidNotSetUp.service.id)).status).toBe('ordered');

    const running = await orderViaApi(alice.client, { plan: 'hosting-starter', hostname: 'blog.alice.example' });
    await payInvoice(t, alice.client, running.invoice.id);
    await t.runJobs();
    await finishProvisioning(t);
    const active = await serviceRow(t, running.service.id);
    expect(active.status).toBe('active');

    const scheduled = await alice.client.api('POST', `/api/v1/services/${running.service.id}/cancel`);
    expect(scheduled.status).toBe(200);
    expect(await scheduled.json()).toEqual({ effective: 'end_of_term', at: active.period_ends_at!.toISOString() });
    expect((await alice.client.api('POST', `/api/v1/services/${running.service.id}/cancel`)).status).toBe(409);
    const page = await (await alice.client.get(`/account/services/${running.service.id}`)).text();
    expect(page).toContain(`This service is cancelled and ends on ${active.period_ends_at!.toISOString().slice(0, 10)}.`);
    expect(page).not.toContain('Cancel the service');

    // Before the term ends nothing happens; after it, the panel terminates the resource.
    await t.runJobs();
    expect((await serviceRow(t, running.service.id)).status).toBe('active');
    await t.runJobs({ now: () => new Date(active.period_ends_at!.getTime() + 60_000) });
    expect(await serviceRow(t, running.service.id)).toMatchObject({ status: 'cancelled' });
    expect(await localPanel(t).status(active.external_id!)).toBe('terminated');
    expect(await auditOf(t, 'service.cancellation_scheduled', running.service.id)).toHaveLength(1);
    expect((await auditOf(t, 'service.cancelled', running.service.id))[0]).toMatchObject({ actor_type: 'system' });
  });

  it('lists the account\'s services newest first, in the API and on the page', async () => {
    const list = (await (await alice.client.api('GET', '/api/v1/services')).json()) as { services: { orderedAt: string; status: string }[] };
    expect(list.services.length).toBe(7);
    const times = list.services.map((s) => s.orderedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const page = await (await alice.client.get('/account/services')).text();
    expect(page).toContain('<caption>Your services, newest order first</caption>');
    expect(page).toContain('Set-up failed');
  });

  it('the demo hook orders, pays and sets up services through the use cases, the same way for the same seed', async () => {
    const plansOf = async (accountId: string) => t.app.deps.db.selectFrom('services').innerJoin('service_plans', 'service_plans.id', 'services.plan_id')
      .select(['service_plans.code', 'services.status']).where('services.account_id', '=', accountId).orderBy('services.ordered_at').execute();
    const people = [await signUpVerified(t, t.client(), { firstName: 'Dora', lastName: 'Demo' }), await signUpVerified(t, t.client(), { firstName: 'Dieter', lastName: 'Demo' })];
    for (const person of people) await seedServicesDemo(t.app.deps, person, seededRandom(7));
    const [first, second] = [await plansOf(people[0]!.accountId), await plansOf(people[1]!.accountId)];
    expect(first).toEqual(second);
    expect(first.map((s) => s.status)).toEqual(['provisioning', 'active', 'ordered']);
    const checks = await t.app.deps.db.selectFrom('licence_checks').select('result').where('subject_id', '=', people[0]!.subjectId).execute();
    expect(checks.map((c) => c.result).sort()).toEqual(['not_licensed', 'valid', 'valid']);
    // The worker finishes what the demo handed to the panel.
    await t.runJobs();
    await finishProvisioning(t);
    expect((await plansOf(people[0]!.accountId)).map((s) => s.status)).toEqual(['active', 'active', 'ordered']);
  });

  it('limits orders per client address, page and API sharing one window', async () => {
    const client = t.client();
    await signUpVerified(t, client, { firstName: 'Rita', lastName: 'Rate' });
    await t.app.deps.db.deleteFrom('rate_limits').execute();
    let status = 0;
    // An unknown plan passes the form check, so each attempt counts without creating anything.
    for (let i = 0; i <= serviceOrderLimit.limit && status !== 429; i += 1) status = (await client.api('POST', '/api/v1/services', { plan: 'no-such-plan' })).status;
    expect(status).toBe(429);
    expect((await client.postForm('/account/services', { plan: 'no-such-plan' })).status).toBe(429);
    await t.app.deps.db.deleteFrom('rate_limits').execute();
    expect((await client.postForm('/account/services', { plan: 'no-such-plan' })).status).toBe(400);
  });
});
