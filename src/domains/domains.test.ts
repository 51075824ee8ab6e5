import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { seededRandom } from '../demo/seeded-random.js';
import { seedDomainsDemo } from './domains.demo.js';
import { localRegistryAuthCode } from './registrar.adapter.js';
import { actFor, auditFor, contactForm, contactOf, day, domainRow, payAndFulfil, registerViaApi, runJobsLater, samplePdf } from './domains.test-helpers.js';

type Customer = SignedUpAccount & { client: HttpClient };

/**
 * Ordering domains over HTTP against the real server: availability through the local registry,
 * registration, transfer and renewal paid through billing's test processor, and the registry's
 * asynchronous operations finished by moving the job clock.
 */
describe.each(databaseKinds)('domains: availability, orders and their life (%s)', (kind) => {
  let t: TestApp;
  let ada: Customer;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const client = t.client();
    ada = { ...(await signUpVerified(t, client, { firstName: 'Ada', lastName: 'Lovelace' })), client };
  }, 120_000);
  afterAll(async () => t?.close());

  it('checks availability through the registrar: free, registered elsewhere, reserved, and bad names', async () => {
    const free = await ada.client.api('GET', '/api/v1/domains/availability?name=Ada-Analytical.com');
    expect(await free.json()).toEqual({ fqdn: 'ada-analytical.com', available: true, reason: null, yearlyPriceCents: 1299, transferPriceCents: 1299, requiresIdentityDocument: false, maxYears: 10 });
    const es = (await (await ada.client.api('GET', '/api/v1/domains/availability?name=ada.es')).json()) as { requiresIdentityDocument: boolean };
    expect(es.requiresIdentityDocument).toBe(true);
    expect(await (await ada.client.api('GET', '/api/v1/domains/availability?name=shop-taken.com')).json()).toMatchObject({ available: false, reason: 'registered' });
    expect(await (await ada.client.api('GET', '/api/v1/domains/availability?name=nic.com')).json()).toMatchObject({ available: false, reason: 'reserved' });
    for (const bad of ['not a domain', 'example.xyz', 'www.example.com']) {
      const response = await ada.client.api('GET', `/api/v1/domains/availability?name=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const page = await (await ada.client.get('/account/domains?fqdn=shop-taken.com')).text();
    expect(page).toContain('shop-taken.com is already registered.');
    expect(page).toContain('href="/account/domains/transfer?fqdn=shop-taken.com"');
    expect(await (await ada.client.get('/account/domains?fqdn=example.xyz')).text()).toContain('Enter a domain name under a TLD we offer');
  });

  it('registers through the form: contacts default to the customer, sealed; invoice, payment, registry, active', async () => {
    const form = await (await ada.client.get('/account/domains/register?fqdn=ada-analytical.com')).text();
    expect(form).toContain('value="Ada Lovelace"');
    expect(form).toContain(`value="${ada.email}"`);
    expect(form).toContain('name="techSame" type="checkbox" value="yes" checked');

    const posted = await ada.client.postForm('/account/domains/register', { fqdn: 'ada-analytical.com', years: '2', ...contactForm('registrant', 'Ada Lovelace', ada.email), adminSame: 'yes', techSame: 'yes', billingSame: 'yes' });
    expect(posted.status, await posted.clone().text()).toBe(303);
    const domainId = /\/account\/domains\/([0-9a-f-]{36})\?done=ordered$/.exec(posted.headers.get('location') ?? '')![1]!;
    expect(await domainRow(t, domainId)).toMatchObject({ fqdn: 'ada-analytical.com', status: 'pending_payment', account_id: ada.accountId, subject_id: ada.subjectId, publish_contact_data: false });

    const contacts = await t.app.deps.db.selectFrom('domain_contacts').selectAll().where('domain_id', '=', domainId).execute();
    expect(contacts.map((c) => c.role).sort()).toEqual(['admin', 'billing', 'registrant', 'tech']);
    expect(contacts.every((c) => c.subject_id === ada.subjectId && c.is_account_holder)).toBe(true);
    for (const c of contacts) expect(c.name_enc.toString('latin1')).not.toContain('Lovelace');

    const order = await t.app.deps.db.selectFrom('domain_orders').selectAll().where('domain_id', '=', domainId).executeTakeFirstOrThrow();
    const lines = await t.app.deps.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', order.invoice_id).execute();
    expect(lines).toEqual([expect.objectContaining({ item_kind: 'domain', item_id: domainId, quantity: 2, unit_net_cents: 1299 })]);
    expect(lines[0]!.description).not.toContain('ada-analytical');
    const [ordered] = await auditFor(t, 'domains.registration_ordered', domainId);
    expect(ordered).toMatchObject({ actor_type: 'customer', actor_id: ada.accountId, subject_id: ada.subjectId });
    expect(JSON.stringify(ordered!.details)).not.toContain('ada-analytical');

    await payAndFulfil(t, ada.client, order.invoice_id);
    expect((await domainRow(t, domainId)).status).toBe('registering');
    expect(await t.app.deps.db.selectFrom('domain_orders').select(['status', 'registry_operation']).where('id', '=', order.id).executeTakeFirstOrThrow()).toMatchObject({ status: 'submitted' });

    // The registry finishes after its delay; the job clock moves past it.
    await runJobsLater(t, 5 * 60_000);
    const active = await domainRow(t, domainId);
    expect(active.status).toBe('active');
    expect(active.expires_at!.getTime() - active.registered_at!.getTime()).toBeGreaterThan(729 * day);
    const synced = await t.app.deps.db.selectFrom('domain_contacts').select('registry_synced_at').where('domain_id', '=', domainId).execute();
    expect(synced.every((c) => c.registry_synced_at !== null)).toBe(true);
    expect((await auditFor(t, 'domains.order_completed', domainId))).toHaveLength(1);
    const page = await (await ada.client.get(`/account/domains/${domainId}`)).text();
    expect(page).toContain('<dd>Active</dd>');

    // A second payment notice or a repeated job changes nothing.
    await runJobsLater(t, 10 * 60_000);
    expect((await auditFor(t, 'domains.order_completed', domainId))).toHaveLength(1);
  });

  it('re-renders the form with clear errors, and refuses names that are taken or already held here', async () => {
    const badPhone = await ada.client.postForm('/account/domains/register', { fqdn: 'ada-second.com', years: '1', ...contactForm('registrant', 'Ada Lovelace', ada.email), registrantPhone: '030 1234', adminSame: 'yes', techSame: 'yes', billingSame: 'yes' });
    expect(badPhone.status).toBe(400);
    const badPage = await badPhone.text();
    expect(badPage).toContain('Enter the phone number with + and the country code');
    expect(badPage).toContain('value="ada-second.com"');
    const untickedTech = await ada.client.postForm('/account/domains/register', { fqdn: 'ada-second.com', years: '1', ...contactForm('registrant', 'Ada Lovelace', ada.email), adminSame: 'yes', billingSame: 'yes' });
    expect(untickedTech.status).toBe(400);
    expect(await untickedTech.text()).toContain('href="#field-techName"');
    const taken = await ada.client.postForm('/account/domains/register', { fqdn: 'shop-taken.com', years: '1', ...contactForm('registrant', 'Ada Lovelace', ada.email), adminSame: 'yes', techSame: 'yes', billingSame: 'yes' });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('This name is not available for registration.');
    const again = await ada.client.api('POST', '/api/v1/domains', { fqdn: 'ada-analytical.com', contacts: { registrant: contactOf('Ada Lovelace') } });
    expect(again.status).toBe(409);
    const tooLong = await ada.client.api('POST', '/api/v1/domains', { fqdn: 'ada-long.de', years: 2, contacts: { registrant: contactOf('Ada Lovelace') } });
    expect(tooLong.status).toBe(400);
    expect(await t.app.deps.db.selectFrom('domains').select('fqdn').where('fqdn', 'in', ['ada-second.com', 'shop-taken.com', 'ada-long.de']).execute()).toEqual([]);
  });

  it('transfers with the auth code after the transfer period; a wrong code fails at the registry', async () => {
    const wrong = await ada.client.api('POST', '/api/v1/domains/transfers', { fqdn: 'ada-taken.com', authCode: 'not-the-code', contacts: { registrant: contactOf('Ada Lovelace') } });
    expect(wrong.status).toBe(201);
    const failed = (await wrong.json()) as { domainId: string; invoiceId: string };
    await payAndFulfil(t, ada.client, failed.invoiceId);
    expect(await domainRow(t, failed.domainId)).toMatchObject({ status: 'failed', transfer_auth_code_enc: null });
    expect((await auditFor(t, 'domains.order_failed', failed.domainId))[0]!.details).toMatchObject({ reason: 'auth_code_invalid' });
    expect(await (await ada.client.get(`/account/domains/${failed.domainId}`)).text()).toContain('the auth code was not accepted');

    const free = await ada.client.api('POST', '/api/v1/domains/transfers', { fqdn: 'ada-unregistered.com', authCode: 'x', contacts: { registrant: contactOf('Ada Lovelace') } });
    expect(free.status).toBe(409);

    // The failed order freed the name: the right code now moves it.
    const right = await ada.client.api('POST', '/api/v1/domains/transfers', { fqdn: 'ada-taken.com', authCode: localRegistryAuthCode('ada-taken.com'), contacts: { registrant: contactOf('Ada Lovelace') } });
    expect(right.status, await right.clone().text()).toBe(201);
    const moving = (await right.json()) as { domainId: string; invoiceId: string };
    const sealed = await domainRow(t, moving.domainId);
    expect(sealed.transfer_auth_code_enc!.toString('latin1')).not.toContain(localRegistryAuthCode('ada-taken.com'));
    await payAndFulfil(t, ada.client, moving.invoiceId);
    expect((await domainRow(t, moving.domainId)).status).toBe('transfer_pending');
    await runJobsLater(t, 2 * day);
    expect((await domainRow(t, moving.domainId)).status).toBe('transfer_pending');
    await runJobsLater(t, 6 * day);
    const moved = await domainRow(t, moving.domainId);
    expect(moved).toMatchObject({ status: 'active', transfer_auth_code_enc: null });
    expect(moved.expires_at!.getTime()).toBeGreaterThan(Date.now() + 365 * day);
  });

  it('renews an active domain from its expiry; the domain expires when its date passes unrenewed', async () => {
    const { domainId, invoiceId } = await registerViaApi(ada.client, 'ada-renews.eu');
    await payAndFulfil(t, ada.client, invoiceId);
    await runJobsLater(t, 5 * 60_000);
    const before = (await domainRow(t, domainId)).expires_at!;

    // Registries keep a domain at most ten years ahead.
    expect((await ada.client.api('POST', `/api/v1/domains/${domainId}/renewals`, { years: 10 })).status).toBe(400);
    const renewal = await ada.client.api('POST', `/api/v1/domains/${domainId}/renewals`, { years: 2 });
    expect(renewal.status, await renewal.clone().text()).toBe(201);
    expect((await ada.client.api('POST', `/api/v1/domains/${domainId}/renewals`, { years: 1 })).status).toBe(409);
    const { invoiceId: renewalInvoice } = (await renewal.json()) as { invoiceId: string };
    await payAndFulfil(t, ada.client, renewalInvoice);
    await runJobsLater(t, 5 * 60_000);
    const after = (await domainRow(t, domainId)).expires_at!;
    expect(new Date(after).getUTCFullYear() - new Date(before).getUTCFullYear()).toBe(2);
    expect((await domainRow(t, domainId)).status).toBe('active');

    // The expiry check queued for the old date finds the domain renewed; past the new date it expires.
    await runJobsLater(t, before.getTime() - Date.now() + day);
    expect((await domainRow(t, domainId)).status).toBe('active');
    await runJobsLater(t, after.getTime() - Date.now() + day);
    expect((await domainRow(t, domainId)).status).toBe('expired');
    expect(await auditFor(t, 'domains.expired', domainId)).toHaveLength(1);
  });

  it('changes the technical contact: another person gets their own key, the registry gets the change, a replaced person is erased', async () => {
    const { domainId, invoiceId } = await registerViaApi(ada.client, 'ada-tech.org');
    await payAndFulfil(t, ada.client, invoiceId);
    await runJobsLater(t, 5 * 60_000);

    const form = await ada.client.get(`/account/domains/${domainId}/tech-contact`);
    expect(form.status).toBe(200);
    const changed = await ada.client.postForm(`/account/domains/${domainId}/tech-contact`, contactForm('tech', 'Charles Babbage', 'charles@example.test'));
    expect(changed.status, await changed.clone().text()).toBe(303);
    const tech = await t.app.deps.db.selectFrom('domain_contacts').selectAll().where('domain_id', '=', domainId).where('role', '=', 'tech').executeTakeFirstOrThrow();
    expect(tech).toMatchObject({ is_account_holder: false, registry_synced_at: null });
    expect(tech.subject_id).not.toBe(ada.subjectId);
    expect(await t.app.deps.db.selectFrom('subjects').select('kind').where('id', '=', tech.subject_id).executeTakeFirstOrThrow()).toEqual({ kind: 'contact' });
    const [audit] = await auditFor(t, 'domains.contact_changed', domainId);
    expect(audit).toMatchObject({ actor_type: 'customer', actor_id: ada.accountId, details: { role: 'tech', sameAsRegistrant: false } });
    expect(JSON.stringify(audit!.details)).not.toContain('Babbage');

    await t.runJobs();
    const sent = await t.app.deps.db.selectFrom('domain_contacts').select('registry_synced_at').where('id', '=', tech.id).executeTakeFirstOrThrow();
    expect(sent.registry_synced_at).not.toBeNull();
    expect(await auditFor(t, 'domains.contact_sent', domainId)).toHaveLength(1);
    const page = await (await ada.client.get(`/account/domains/${domainId}?done=contact`)).text();
    expect(page).toContain('Charles Babbage');
    expect(page).toContain('The technical contact is saved.');

    const bad = await ada.client.postForm(`/account/domains/${domainId}/tech-contact`, { ...contactForm('tech', 'Charles Babbage', 'charles@example.test'), techEmail: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a valid email address.');

    const back = await ada.client.api('PUT', `/api/v1/domains/${domainId}/contacts/tech`, { contact: null });
    expect(back.status).toBe(204);
    expect(await t.app.deps.db.selectFrom('subject_keys').select('wrapped_key').where('subject_id', '=', tech.subject_id).executeTakeFirstOrThrow()).toEqual({ wrapped_key: null });
    expect((await t.app.deps.db.selectFrom('subjects').select('erased_at').where('id', '=', tech.subject_id).executeTakeFirstOrThrow()).erased_at).not.toBeNull();
    const now = await t.app.deps.db.selectFrom('domain_contacts').selectAll().where('domain_id', '=', domainId).where('role', '=', 'tech').executeTakeFirstOrThrow();
    expect(now).toMatchObject({ is_account_holder: true, subject_id: ada.subjectId });
  });

  it('stores the publication choice with its time: not published by default', async () => {
    const { domainId } = await registerViaApi(ada.client, 'ada-public.net');
    expect(await domainRow(t, domainId)).toMatchObject({ publish_contact_data: false, published_fields: [], publication_chosen_at: null });
    const page = await (await ada.client.get(`/account/domains/${domainId}`)).text();
    expect(page).toContain('Not published.');
    expect(page).toContain('id="publish-no" name="publish" value="no" checked');

    const none = await ada.client.postForm(`/account/domains/${domainId}/publication`, { publish: 'yes' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one field to publish');
    const chosen = await ada.client.postForm(`/account/domains/${domainId}/publication`, { publish: 'yes', fields: ['name', 'email'] });
    expect(chosen.status).toBe(303);
    const stored = await domainRow(t, domainId);
    expect(stored).toMatchObject({ publish_contact_data: true, published_fields: ['name', 'email'] });
    expect(stored.publication_chosen_at).not.toBeNull();
    expect((await auditFor(t, 'domains.publication_chosen', domainId))[0]!.details).toMatchObject({ publish: true, fields: ['name', 'email'] });
    expect((await ada.client.api('PUT', `/api/v1/domains/${domainId}/publication`, { publish: false, fields: ['name'] })).status).toBe(204);
    expect(await domainRow(t, domainId)).toMatchObject({ publish_contact_data: false, published_fields: [] });
  });
  it('seeds demo domains through the use cases: a paid .com on its way to the registry, a .es with a document to review', async () => {
    const client = t.client();
    const erin = await signUpVerified(t, client, { firstName: 'Erin', lastName: 'Demo', country: 'IE' });
    await seedDomainsDemo(t.app.deps, erin, seededRandom(7));
    const rows = await t.app.deps.db.selectFrom('domains').selectAll().where('account_id', '=', erin.accountId).orderBy('tld').execute();
    expect(rows.map((r) => [r.tld, r.status])).toEqual([['com', 'registering'], ['es', 'pending_payment']]);
    expect(rows[0]).toMatchObject({ publish_contact_data: true, published_fields: ['organisation', 'email'] });
    expect(await t.app.deps.db.selectFrom('domain_documents').select('status').where('domain_id', '=', rows[1]!.id).execute()).toEqual([{ status: 'pending' }]);
    await runJobsLater(t, 5 * 60_000);
    expect((await domainRow(t, rows[0]!.id)).status).toBe('active');
  });

  it('keeps each account\'s domains to itself: other accounts get 404, trusted users need the domains grant', async () => {
    const { domainId } = await registerViaApi(ada.client, 'ada-private.es');
    const bobClient = t.client();
    const bob = { ...(await signUpVerified(t, bobClient, { firstName: 'Bob', lastName: 'Other' })), client: bobClient };
    const reads = [`/account/domains/${domainId}`, `/account/domains/${domainId}/tech-contact`];
    for (const path of reads) expect((await bob.client.get(path)).status, path).toBe(404);
    expect((await bob.client.api('GET', `/api/v1/domains/${domainId}`)).status).toBe(404);
    expect((await bob.client.api('POST', `/api/v1/domains/${domainId}/renewals`, { years: 1 })).status).toBe(404);
    expect((await bob.client.api('PUT', `/api/v1/domains/${domainId}/publication`, { publish: true, fields: ['name'] })).status).toBe(404);
    expect((await bob.client.api('PUT', `/api/v1/domains/${domainId}/contacts/tech`, { contact: null })).status).toBe(404);
    expect((await bob.client.postForm(`/account/domains/${domainId}/publication`, { publish: 'yes', fields: 'name' })).status).toBe(404);
    expect((await bob.client.postMultipart(`/account/domains/${domainId}/documents`, { documentType: 'passport' }, { document: { name: 'x.pdf', type: 'application/pdf', data: samplePdf() } })).status).toBe(404);
    expect((await (await bob.client.api('GET', '/api/v1/domains')).json())).toEqual({ domains: [] });
    expect(await domainRow(t, domainId)).toMatchObject({ publish_contact_data: false });
    expect(await t.app.deps.db.selectFrom('domain_documents').select('id').where('domain_id', '=', domainId).execute()).toEqual([]);
    expect((await t.client().api('GET', '/api/v1/domains')).status).toBe(401);

    // Carol may act for Ada in billing only: the domains area answers 403.
    const carolClient = t.client();
    const carol = { ...(await signUpVerified(t, carolClient, { firstName: 'Carol', lastName: 'Trusted' })), client: carolClient };
    await actFor(t, ada, carol, ['billing']);
    expect((await carol.client.get('/account/domains')).status).toBe(403);
    expect((await carol.client.api('GET', `/api/v1/domains/${domainId}`)).status).toBe(403);
    expect((await carol.client.api('POST', '/api/v1/domains', { fqdn: 'carol-for-ada.com', contacts: { registrant: contactOf('Ada Lovelace') } })).status).toBe(403);

    // Dan holds the domains grant: he sees Ada's domains and orders for her, recorded as himself on her behalf.
    const danClient = t.client();
    const dan = { ...(await signUpVerified(t, danClient, { firstName: 'Dan', lastName: 'Delegate' })), client: danClient };
    await actFor(t, ada, dan, ['domains']);
    expect((await dan.client.api('GET', `/api/v1/domains/${domainId}`)).status).toBe(200);
    const form = await (await dan.client.get('/account/domains/register')).text();
    expect(form).toContain('value="Ada Lovelace"');
    const ordered = await registerViaApi(dan.client, 'dan-for-ada.com');
    expect(await domainRow(t, ordered.domainId)).toMatchObject({ account_id: ada.accountId, subject_id: ada.subjectId });
    expect((await auditFor(t, 'domains.registration_ordered', ordered.domainId))[0]).toMatchObject({ actor_type: 'trusted_user', actor_id: dan.accountId, on_behalf_of: ada.accountId });
  });
});
