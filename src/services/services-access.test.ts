import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { actFor, auditOf, finishProvisioning, localPanel, orderViaApi, payInvoice, serviceRow } from './services.test-helpers.js';

type Customer = SignedUpAccount & { client: HttpClient };

/**
 * Who may see and change a service: the owner, a trusted user granted 'services', and staff with
 * services.read (view) or services.manage (suspend, unsuspend); everyone else is refused.
 */
describe.each(databaseKinds)('services: authorisation, suspension by staff (%s)', (kind) => {
  let t: TestApp;
  let alice: Customer;
  let bob: Customer;
  let helper: Customer;
  let outsider: Customer;
  let serviceId: string;
  const staff = {} as Record<StaffRole, HttpClient>;

  async function customer(firstName: string): Promise<Customer> {
    const client = t.client();
    return { ...(await signUpVerified(t, client, { firstName, lastName: 'Test' })), client };
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    [alice, bob, helper, outsider] = [await customer('Alice'), await customer('Bob'), await customer('Hana'), await customer('Otto')];
    for (const role of ['owner', 'privacy_officer', 'support', 'billing', 'auditor'] as const) {
      const client = t.client();
      await signInStaffApi(client, await createTestStaff(t, role));
      staff[role] = client;
    }
    const { service, invoice } = await orderViaApi(alice.client, { plan: 'vps-s', hostname: 'node.alice.example' });
    serviceId = service.id;
    await payInvoice(t, alice.client, invoice.id);
    await t.runJobs();
    await finishProvisioning(t);
    expect((await serviceRow(t, serviceId)).status).toBe('active');
    await actFor(t, alice, helper, ['services']);
    await actFor(t, alice, outsider, ['support']);
  }, 180_000);
  afterAll(async () => t?.close());

  it('another account cannot see, list or cancel my service: it does not exist for them', async () => {
    expect((await bob.client.get(`/account/services/${serviceId}`)).status).toBe(404);
    expect((await bob.client.api('GET', `/api/v1/services/${serviceId}`)).status).toBe(404);
    expect((await bob.client.api('POST', `/api/v1/services/${serviceId}/cancel`)).status).toBe(404);
    expect((await bob.client.postForm(`/account/services/${serviceId}/cancel`, {})).status).toBe(404);
    expect(await (await bob.client.api('GET', '/api/v1/services')).json()).toEqual({ services: [] });
    expect((await serviceRow(t, serviceId)).cancel_at).toBeNull();
  });

  it('the anonymous are sent to sign in, and malformed ids are refused with 400', async () => {
    const anonymous = t.client();
    expect((await anonymous.api('GET', '/api/v1/services')).status).toBe(401);
    expect((await anonymous.api('POST', '/api/v1/services', { plan: 'vps-s', hostname: 'x.example' })).status).toBe(401);
    expect((await anonymous.get('/account/services')).status).toBe(303);
    expect((await alice.client.get('/account/services/not-a-uuid')).status).toBe(400);
    expect((await alice.client.api('GET', '/api/v1/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('a trusted user without the services area is refused; one with it works on the owner\'s services as a trusted user', async () => {
    expect((await outsider.client.get('/account/services')).status).toBe(403);
    expect((await outsider.client.api('GET', `/api/v1/services/${serviceId}`)).status).toBe(403);
    expect((await outsider.client.api('POST', '/api/v1/services', { plan: 'vps-s', hostname: 'x.example' })).status).toBe(403);

    const list = (await (await helper.client.api('GET', '/api/v1/services')).json()) as { services: { id: string }[] };
    expect(list.services.map((s) => s.id)).toEqual([serviceId]);
    const { service } = await orderViaApi(helper.client, { plan: 'ssl-dv', hostname: 'shop.alice.example' });
    const row = await serviceRow(t, service.id);
    expect(row).toMatchObject({ account_id: alice.accountId, subject_id: alice.subjectId });
    expect((await auditOf(t, 'service.ordered', service.id))[0]).toMatchObject({ actor_type: 'trusted_user', actor_id: helper.accountId, on_behalf_of: alice.accountId });
    // The helper's own account has no services.
    expect(await t.app.deps.db.selectFrom('services').select('id').where('account_id', '=', helper.accountId).execute()).toEqual([]);
  });

  it('console pages are for services.read only: support, billing and the auditor get 403, customers are not staff', async () => {
    for (const role of ['support', 'billing', 'auditor'] as const) {
      expect((await staff[role].get('/console/services')).status, role).toBe(403);
      expect((await staff[role].get(`/console/services/${serviceId}`)).status, role).toBe(403);
      expect((await staff[role].postForm(`/console/services/${serviceId}/suspend`, { reason: 'abuse' })).status, role).toBe(403);
    }
    expect((await alice.client.get('/console/services')).status).toBeGreaterThanOrEqual(300);
    const officer = await staff.privacy_officer.get(`/console/services/${serviceId}`);
    expect(officer.status).toBe(200);
    const page = await officer.text();
    expect(page).toContain('node.alice.example');
    expect(page).not.toContain('Suspend the service');
    expect((await staff.privacy_officer.postForm(`/console/services/${serviceId}/suspend`, { reason: 'abuse' })).status).toBe(403);
    const list = await (await staff.owner.get('/console/services?status=active')).text();
    expect(list).toContain(`href="/console/services/${serviceId}"`);
    expect((await staff.owner.get('/console/services?status=bogus')).status).toBe(400);
    expect((await serviceRow(t, serviceId)).status).toBe('active');
  });

  it('staff with services.manage suspend with a reason: panel, state, audit, inbox message and email together', async () => {
    expect((await staff.owner.postForm(`/console/services/${serviceId}/suspend`, { reason: 'made-up' })).status).toBe(400);
    const suspended = await staff.owner.postForm(`/console/services/${serviceId}/suspend`, { reason: 'non_payment' });
    expect(suspended.status).toBe(303);
    expect(suspended.headers.get('location')).toBe(`/console/services/${serviceId}?done=suspended`);
    const row = await serviceRow(t, serviceId);
    expect(row).toMatchObject({ status: 'suspended', suspension_reason: 'non_payment' });
    expect(await localPanel(t).status(row.external_id!)).toBe('suspended');
    expect((await auditOf(t, 'service.suspended', serviceId))[0]).toMatchObject({ actor_type: 'staff', subject_id: alice.subjectId, details: { serviceId, accountId: alice.accountId, reason: 'non_payment' } });

    const inbox = (await (await alice.client.api('GET', '/api/v1/account/messages')).json()) as { messages: { category: string; title: string; body: string }[] };
    const message = inbox.messages.find((m) => m.title.includes('is suspended'));
    expect(message).toMatchObject({ category: 'billing', title: 'Your service VPS S (node.alice.example) is suspended' });
    expect(message!.body).toContain('Reason: an invoice is unpaid.');
    const mail = (await readOutbox(t, alice.subjectId)).filter((m) => m.template === 'services.suspended');
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ messageClass: 'service', to: alice.email });

    expect(await (await alice.client.get(`/account/services/${serviceId}`)).text()).toContain('We have suspended this service. Reason: an invoice is unpaid.');
    expect((await staff.owner.postForm(`/console/services/${serviceId}/suspend`, { reason: 'abuse' })).status).toBe(409);
  });

  it('staff with services.manage lift the suspension; others cannot', async () => {
    expect((await staff.privacy_officer.postForm(`/console/services/${serviceId}/unsuspend`, {})).status).toBe(403);
    expect((await staff.support.postForm(`/console/services/${serviceId}/unsuspend`, {})).status).toBe(403);
    expect((await alice.client.postForm(`/console/services/${serviceId}/unsuspend`, {})).status).toBeGreaterThanOrEqual(400);
    expect((await serviceRow(t, serviceId)).status).toBe('suspended');

    const lifted = await staff.owner.postForm(`/console/services/${serviceId}/unsuspend`, {});
    expect(lifted.status).toBe(303);
    const row = await serviceRow(t, serviceId);
    expect(row).toMatchObject({ status: 'active', suspension_reason: null, suspended_at: null });
    expect(await localPanel(t).status(row.external_id!)).toBe('active');
    expect(await auditOf(t, 'service.unsuspended', serviceId)).toHaveLength(1);
    expect((await readOutbox(t, alice.subjectId)).filter((m) => m.template === 'services.unsuspended')).toHaveLength(1);
    expect((await staff.owner.postForm(`/console/services/${serviceId}/unsuspend`, {})).status).toBe(409);
    expect((await staff.owner.postForm('/console/services/00000000-0000-4000-8000-000000000000/suspend', { reason: 'abuse' })).status).toBe(404);
  });
});
