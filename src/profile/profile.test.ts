import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { declarationFor } from '../datamap/datamap.registry.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import { actFor, bytesContain } from './profile.test-helpers.js';
import { readBillingProfile } from './read-billing-profile.js';
import { readContactDetails } from './read-contact-details.js';
import { seedProfileDemo } from './profile.demo.js';

const form = {
  firstName: 'Ada', lastName: 'Lovelace', phone: '+49 30 1234 5678', company: 'Analytical Engines GmbH', vatId: 'de 123 456 789',
  addressLine1: 'Unter den Linden 77', addressLine2: 'Hinterhaus', postalCode: '10117', city: 'Berlin', region: '', addressCountry: 'DE', country: 'DE', locale: 'en',
};

interface HistoryJson { entries: Array<{ field: string; oldValue: string | null; newValue: string | null; actor: { type: string; name: string | null } }> }

describe.each(databaseKinds)('profile and its rectification history (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount;
  let aliceClient: HttpClient;
  let bob: SignedUpAccount;
  let bobClient: HttpClient;
  let carolClient: HttpClient;
  let eve: SignedUpAccount;
  let eveClient: HttpClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    aliceClient = t.client();
    alice = await signUpVerified(t, aliceClient, { firstName: 'Ada', lastName: 'Lovelace', country: 'GB' });
    bobClient = t.client();
    bob = await signUpVerified(t, bobClient, { firstName: 'Bob', lastName: 'Babbage' });
    carolClient = t.client();
    const carol = await signUpVerified(t, carolClient, { firstName: 'Carol', lastName: 'Shaw' });
    eveClient = t.client();
    eve = await signUpVerified(t, eveClient, { firstName: 'Eve', lastName: 'Other' });
    await actFor(t, bob, alice, ['profile']);
    await actFor(t, carol, alice, ['billing']);
  }, 120_000);
  afterAll(async () => t?.close());

  const history = async (client: HttpClient) => ((await (await client.api('GET', '/api/v1/profile/history')).json()) as HistoryJson).entries;

  it('shows an accessible form, saves corrections and records old and new values in the history', async () => {
    const page = await (await aliceClient.get('/account/profile')).text();
    expect(page).toContain('<legend>Postal address</legend>');
    expect(page).toContain('<label for="field-vatId">');
    expect(page).toContain('<label for="field-locale">');

    const saved = await aliceClient.postForm('/account/profile', form);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account/profile?done=saved');
    const profile = await (await aliceClient.api('GET', '/api/v1/profile')).json();
    expect(profile).toMatchObject({ phone: '+493012345678', vatId: 'DE123456789', addressLines: ['Unter den Linden 77', 'Hinterhaus'], postalCode: '10117', city: 'Berlin', region: null, addressCountry: 'DE', country: 'DE', company: 'Analytical Engines GmbH' });

    const corrected = await aliceClient.postForm('/account/profile', { ...form, lastName: 'King', city: 'Potsdam', postalCode: '14467' });
    expect(corrected.status).toBe(303);
    const entries = await history(aliceClient);
    expect(entries.slice(0, 3).map((e) => e.field).sort()).toEqual(['city', 'last_name', 'postal_code']);
    expect(entries.find((e) => e.field === 'last_name')).toMatchObject({ oldValue: 'Lovelace', newValue: 'King', actor: { type: 'customer' } });
    expect(entries.find((e) => e.field === 'country')).toMatchObject({ oldValue: 'GB', newValue: 'DE' });
    expect(entries.find((e) => e.field === 'phone')).toMatchObject({ oldValue: null, newValue: '+493012345678' });

    const historyPage = await (await aliceClient.get('/account/profile/history')).text();
    expect(historyPage).toContain('<caption>Changes to your profile and contacts, newest first</caption>');
    expect(historyPage).toMatch(/Last name<\/th><td>Lovelace<\/td><td>King<\/td><td>Account owner<\/td>/);
    expect(historyPage).toContain('United Kingdom');

    // Saving the same values again changes nothing and adds nothing.
    expect((await aliceClient.postForm('/account/profile', { ...form, lastName: 'King', city: 'Potsdam', postalCode: '14467' })).status).toBe(303);
    expect(await history(aliceClient)).toHaveLength(entries.length);
  });

  it('keeps every personal value sealed at rest and audits field names only', async () => {
    const { db } = t.app.deps;
    const row = await db.selectFrom('customer_profiles').selectAll().where('account_id', '=', alice.accountId).executeTakeFirstOrThrow();
    for (const [column, plain] of [['phone_enc', '+493012345678'], ['company_enc', 'Analytical'], ['vat_id_enc', 'DE123456789'], ['address_lines_enc', 'Unter den Linden'], ['postal_code_enc', '14467'], ['city_enc', 'Potsdam']] as const) {
      expect(row[column], column).not.toBeNull();
      expect(bytesContain(row[column], plain), column).toBe(false);
    }
    const changes = await db.selectFrom('profile_changes').select(['old_value_enc', 'new_value_enc', 'subject_id']).where('account_id', '=', alice.accountId).execute();
    expect(changes.every((c) => c.subject_id === alice.subjectId)).toBe(true);
    for (const plain of ['Lovelace', 'King', 'Potsdam', 'Berlin', 'DE123456789', '+493012345678']) {
      expect(changes.some((c) => bytesContain(c.old_value_enc, plain) || bytesContain(c.new_value_enc, plain)), plain).toBe(false);
    }
    const audits = await db.selectFrom('audit_events').select(['details', 'actor_type']).where('action', '=', 'profile.updated').where('subject_id', '=', alice.subjectId).execute();
    expect(audits.length).toBe(2);
    expect(audits[1]!.details).toEqual({ accountId: alice.accountId, fields: expect.arrayContaining(['last_name', 'city', 'postal_code']) });
    expect(JSON.stringify(audits)).not.toMatch(/King|Potsdam|14467/);
  });

  it('re-renders the form with 400 and a message per field for bad phone, VAT id, postal code and incomplete address', async () => {
    const before = (await history(aliceClient)).length;
    const bad = await aliceClient.postForm('/account/profile', { ...form, phone: '030 123', vatId: 'DE12345', postalCode: '1234', city: '' });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('class="error-summary"');
    expect(page).toContain('href="#field-phone"');
    expect(page).toContain('Enter an EU VAT number with its country prefix');
    expect(page).toContain('value="030 123"');
    expect(page).toMatch(/id="field-phone"[^>]*aria-invalid="true"/);
    const incomplete = await aliceClient.postForm('/account/profile', { ...form, addressLine1: '', city: '', postalCode: 'ABC' });
    expect(incomplete.status).toBe(400);
    const text = await incomplete.text();
    expect(text).toContain('href="#field-addressLine1"');
    expect(text).toContain('href="#field-city"');
    expect(text).toContain('Enter a postal code in the format of the address&#39;s country.');
    const api = await aliceClient.api('PATCH', '/api/v1/profile', { vatId: 'XX123' });
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await aliceClient.api('PATCH', '/api/v1/profile', { postalCode: '99999999' })).status).toBe(400);
    expect((await aliceClient.api('PATCH', '/api/v1/profile', { unknown: 'x' })).status).toBe(400);
    expect(await history(aliceClient)).toHaveLength(before);
  });

  it('refuses a payment card number in any profile field without echoing it back', async () => {
    const card = '4111 1111 1111 1111';
    for (const fieldName of ['company', 'addressLine2', 'region', 'phone']) {
      const response = await aliceClient.postForm('/account/profile', { ...form, [fieldName]: card });
      expect(response.status, fieldName).toBe(400);
      const page = await response.text();
      expect(page).toContain('This looks like a payment card number.');
      expect(page).not.toContain(card);
    }
    const api = await aliceClient.api('PATCH', '/api/v1/profile', { company: `Card ${card.replace(/ /g, '')}` });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ code: 'CARD_NUMBER_REFUSED', errors: [{ field: 'company' }] });
    const profile = (await (await aliceClient.api('GET', '/api/v1/profile')).json()) as { company: string };
    expect(profile.company).toBe('Analytical Engines GmbH');
  });

  it('corrects single fields over the API; null clears; the preferred language switches the pages', async () => {
    const patched = await aliceClient.api('PATCH', '/api/v1/profile', { region: 'Brandenburg', company: null, vatId: null });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ changed: ['company', 'vat_id', 'region'], profile: { company: null, vatId: null, region: 'Brandenburg', city: 'Potsdam' } });
    expect((await aliceClient.api('PATCH', '/api/v1/profile', { locale: 'de' })).status).toBe(200);
    expect(await (await aliceClient.get('/account/profile')).text()).toContain('<h1>Ihr Profil</h1>');
    expect((await aliceClient.api('PATCH', '/api/v1/profile', { locale: 'en' })).status).toBe(200);
    expect((await aliceClient.api('PATCH', '/api/v1/profile', { locale: 'fr' })).status).toBe(400);
  });

  it('lets a trusted user with the profile grant correct the owner\'s profile, recorded as that trusted user', async () => {
    expect(await (await bobClient.api('GET', '/api/v1/profile')).json()).toMatchObject({ city: 'Potsdam', lastName: 'King' });
    const page = await (await bobClient.get('/account/profile')).text();
    expect(page).toContain('Only the account owner can change the sign-in address.');
    expect(page).not.toContain('href="/account/contacts"');
    expect((await bobClient.postForm('/account/profile', { ...form, lastName: 'King', city: 'Potsdam', postalCode: '14467', region: 'Brandenburg', company: '', vatId: '', phone: '+49 331 555 0101' })).status).toBe(303);
    const entry = (await history(aliceClient)).find((e) => e.field === 'phone' && e.newValue === '+493315550101');
    expect(entry).toMatchObject({ oldValue: '+493012345678', actor: { type: 'trusted_user', name: 'Bob Babbage' } });
    expect(await (await aliceClient.get('/account/profile/history')).text()).toContain('Trusted user Bob Babbage');
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of']).where('action', '=', 'profile.updated').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_type: 'trusted_user', actor_id: bob.accountId, on_behalf_of: alice.accountId });
    // The stored actor is another person (Bob), so the data map declares the column personal.
    const stored = await t.app.deps.db.selectFrom('profile_changes').select(['actor_type', 'actor_id']).where('account_id', '=', alice.accountId).where('actor_type', '=', 'trusted_user').executeTakeFirstOrThrow();
    expect(stored.actor_id).toBe(bob.accountId);
    expect(declarationFor('profile_changes')!.columns.actor_id).toMatchObject({ category: 'pd:Identifier', erasure: { action: 'delete' } });
    // Bob's own profile is untouched.
    expect(await t.app.deps.db.selectFrom('customer_profiles').select('account_id').where('account_id', '=', bob.accountId).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a trusted user without the grant, another account and the anonymous', async () => {
    for (const [method, path] of [['GET', '/account/profile'], ['GET', '/account/profile/history'], ['GET', '/account/contacts'], ['GET', '/account/profile/email']] as const) {
      expect((await carolClient.request(method, path, { headers: { accept: 'text/html' } })).status, path).toBe(403);
    }
    expect((await carolClient.api('GET', '/api/v1/profile')).status).toBe(403);
    expect((await carolClient.api('PATCH', '/api/v1/profile', { city: 'Nowhere' })).status).toBe(403);
    expect((await carolClient.api('GET', '/api/v1/profile/history')).status).toBe(403);
    expect((await carolClient.postForm('/account/profile', form)).status).toBe(403);
    expect((await bobClient.get('/account/contacts')).status).toBe(403);
    expect((await bobClient.api('GET', '/api/v1/contacts')).status).toBe(403);

    // Another account only ever sees and changes its own profile.
    const eveProfile = await (await eveClient.api('GET', '/api/v1/profile')).json();
    expect(eveProfile).toMatchObject({ email: eve.email, lastName: 'Other', city: null });
    expect(await history(eveClient)).toEqual([]);
    expect((await eveClient.api('PATCH', '/api/v1/profile', { city: 'Elsewhere', addressLines: ['Road 1'], addressCountry: 'FR', postalCode: '75001' })).status).toBe(200);
    expect(await (await aliceClient.api('GET', '/api/v1/profile')).json()).toMatchObject({ city: 'Potsdam' });

    const anonymous = t.client();
    expect((await anonymous.api('GET', '/api/v1/profile')).status).toBe(401);
    expect((await anonymous.get('/account/profile')).status).toBe(303);
    expect((await anonymous.api('PATCH', '/api/v1/profile', { city: 'x' })).status).toBe(401);
  });

  it('lets the privacy officer rectify on request, shown as staff; other roles are refused', async () => {
    const officer = await createTestStaff(t, 'privacy_officer');
    const officerClient = t.client();
    await signInStaffApi(officerClient, officer);
    const url = `/api/v1/staff/customers/${alice.accountId}/profile`;
    const response = await officerClient.api('PATCH', url, { firstName: 'Augusta Ada' });
    expect(response.status).toBe(200);
    expect((await history(aliceClient))[0]).toMatchObject({ field: 'first_name', oldValue: 'Ada', newValue: 'Augusta Ada', actor: { type: 'staff', name: null } });
    expect((await officerClient.api('PATCH', '/api/v1/staff/customers/00000000-0000-4000-8000-000000000000/profile', { firstName: 'X' })).status).toBe(404);

    const support = await createTestStaff(t, 'support');
    const supportClient = t.client();
    await signInStaffApi(supportClient, support);
    expect((await supportClient.api('PATCH', url, { firstName: 'Mallory' })).status).toBe(403);
    expect((await aliceClient.api('PATCH', url, { firstName: 'Mallory' })).status).toBe(401);
  });

  it('exports the billing profile and contact details for other capabilities', async () => {
    const { deps } = t.app;
    expect(await readBillingProfile(deps, deps.db, alice.accountId)).toEqual({
      name: 'Augusta Ada King', company: null, addressLines: ['Unter den Linden 77', 'Hinterhaus'], postalCode: '14467', city: 'Potsdam', region: 'Brandenburg', country: 'DE', vatId: null,
    });
    expect(await readBillingProfile(deps, deps.db, bob.accountId)).toMatchObject({ name: 'Bob Babbage', addressLines: [], country: null });
    expect(await readBillingProfile(deps, deps.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await readContactDetails(deps, deps.db, alice.accountId)).toEqual({ name: 'Augusta Ada King', email: alice.email, phone: '+493315550101', contacts: [] });
    expect(await readContactDetails(deps, deps.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('seeds demo profiles deterministically through the use cases', async () => {
    const demoClient = t.client();
    const demo = await signUpVerified(t, demoClient, { firstName: 'Demo', lastName: 'Kunde' });
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    await seedProfileDemo(t.app.deps, demo, random);
    const billing = await readBillingProfile(t.app.deps, t.app.deps.db, demo.accountId);
    expect(billing?.addressLines.length).toBeGreaterThan(0);
    expect(billing?.city).toBeTruthy();
    expect((await history(demoClient)).length).toBeGreaterThan(4);
  });
});
