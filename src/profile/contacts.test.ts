import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import { actFor, bytesContain } from './profile.test-helpers.js';
import { readContactDetails } from './read-contact-details.js';

interface ContactJson { id: string; role: string; name: string; email: string; phone: string | null }
interface HistoryJson { entries: Array<{ field: string; contactId: string | null; contactRole: string | null; oldValue: string | null; newValue: string | null; erased: boolean; actor: { type: string; name: string | null } }> }

describe.each(databaseKinds)('billing and technical contacts (%s)', (kind) => {
  let t: TestApp;
  let owner: SignedUpAccount;
  let ownerClient: HttpClient;
  let helperClient: HttpClient;
  let profileOnlyClient: HttpClient;
  let bothGrantsClient: HttpClient;
  let otherClient: HttpClient;
  let billingContactId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    ownerClient = t.client();
    owner = await signUpVerified(t, ownerClient, { firstName: 'Olga', lastName: 'Owner' });
    helperClient = t.client();
    const helper = await signUpVerified(t, helperClient, { firstName: 'Hanna', lastName: 'Helper' });
    profileOnlyClient = t.client();
    const profileOnly = await signUpVerified(t, profileOnlyClient);
    bothGrantsClient = t.client();
    const bothGrants = await signUpVerified(t, bothGrantsClient);
    otherClient = t.client();
    await signUpVerified(t, otherClient);
    await actFor(t, helper, owner, ['contacts']);
    await actFor(t, profileOnly, owner, ['profile']);
    await actFor(t, bothGrants, owner, ['profile', 'contacts']);
  }, 120_000);
  afterAll(async () => t?.close());

  const contacts = async (client: HttpClient) => ((await (await client.api('GET', '/api/v1/contacts')).json()) as { contacts: ContactJson[] }).contacts;
  const history = async (client: HttpClient) => ((await (await client.api('GET', '/api/v1/profile/history')).json()) as HistoryJson).entries;

  it('adds a contact with the form; the contact is a subject of their own with their own key', async () => {
    const added = await ownerClient.postForm('/account/contacts', { role: 'billing', name: 'Bea Buchhaltung', email: 'bea@example.net', phone: '+49 89 555 0100' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/account/contacts?done=added');
    const [contact] = await contacts(ownerClient);
    expect(contact).toMatchObject({ role: 'billing', name: 'Bea Buchhaltung', email: 'bea@example.net', phone: '+49895550100' });
    billingContactId = contact!.id;

    const { db, keyring } = t.app.deps;
    const row = await db.selectFrom('account_contacts').selectAll().where('id', '=', billingContactId).executeTakeFirstOrThrow();
    expect(row.subject_id).not.toBe(owner.subjectId);
    expect(await db.selectFrom('subjects').select(['kind', 'erased_at']).where('id', '=', row.subject_id).executeTakeFirst()).toEqual({ kind: 'contact', erased_at: null });
    expect(await db.selectFrom('subject_keys').select('subject_id').where('subject_id', '=', row.subject_id).where('wrapped_key', 'is not', null).executeTakeFirst()).toBeDefined();
    for (const [column, plain] of [['name_enc', 'Bea'], ['email_enc', 'bea@example.net'], ['phone_enc', '+49895550100']] as const) expect(bytesContain(row[column], plain), column).toBe(false);
    // Sealed with the contact's key, not the customer's.
    const ownerCipher = await keyring.forSubject(db, owner.subjectId);
    expect(() => ownerCipher.decrypt(row.name_enc, 'account_contacts.name_enc')).toThrow();

    const page = await (await ownerClient.get('/account/contacts?done=added')).text();
    expect(page).toContain('<caption>Your contacts</caption>');
    expect(page).toContain('<th scope="row">Bea Buchhaltung</th>');
    expect(page).toContain('Remove<span class="visually-hidden"> Bea Buchhaltung</span>');
    expect(page).toContain('The contact has been added.');
    expect((await history(ownerClient)).filter((e) => e.contactId === billingContactId).map((e) => e.field).sort()).toEqual(['contact.email', 'contact.name', 'contact.phone']);
  });

  it('corrects a contact over the form and the API, each change in the history', async () => {
    const edit = await ownerClient.get(`/account/contacts/${billingContactId}`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain('value="bea@example.net"');
    expect((await ownerClient.postForm(`/account/contacts/${billingContactId}`, { role: 'billing', name: 'Bea Buchhaltung', email: 'finance@example.net', phone: '' })).status).toBe(303);
    const patched = await ownerClient.api('PATCH', `/api/v1/contacts/${billingContactId}`, { role: 'technical' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ role: 'technical', email: 'finance@example.net', phone: null });
    const entries = (await history(ownerClient)).filter((e) => e.contactId === billingContactId);
    expect(entries.find((e) => e.field === 'contact.email')).toMatchObject({ oldValue: 'bea@example.net', newValue: 'finance@example.net', contactRole: 'billing' });
    expect(entries.find((e) => e.field === 'contact.phone' && e.newValue === null)).toMatchObject({ oldValue: '+49895550100' });
    expect(entries[0]).toMatchObject({ field: 'contact.role', oldValue: 'billing', newValue: 'technical', contactRole: 'technical' });
    const audit = await t.app.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'contact.updated').execute();
    expect(JSON.stringify(audit)).not.toContain('finance@');
    expect(await readContactDetails(t.app.deps, t.app.deps.db, owner.accountId)).toMatchObject({ name: 'Olga Owner', contacts: [{ role: 'technical', name: 'Bea Buchhaltung', email: 'finance@example.net', phone: null }] });
  });

  it('re-renders with 400 for bad input and refuses card numbers', async () => {
    const bad = await ownerClient.postForm('/account/contacts', { role: 'boss', name: '', email: 'not-an-address', phone: '12' });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    for (const name of ['role', 'name', 'email', 'phone']) expect(page).toContain(`href="#field-${name}"`);
    const card = await ownerClient.postForm('/account/contacts', { role: 'billing', name: 'Card 5555 5555 5555 4444', email: 'c@example.net' });
    expect(card.status).toBe(400);
    expect(await card.text()).not.toContain('5555 5555 5555 4444');
    expect((await ownerClient.api('POST', '/api/v1/contacts', { role: 'billing', name: 'X', email: 'x@example.net', phone: '4111111111111111' })).status).toBe(400);
    expect((await ownerClient.api('PATCH', `/api/v1/contacts/${billingContactId}`, { extra: true })).status).toBe(400);
    expect(await contacts(ownerClient)).toHaveLength(1);
  });

  it('lets a trusted user with the contacts grant manage contacts, recorded as them; others are refused', async () => {
    const created = await helperClient.api('POST', '/api/v1/contacts', { role: 'technical', name: 'Tom Technik', email: 'tom@example.org' });
    expect(created.status).toBe(201);
    const tom = (await created.json()) as ContactJson;
    expect((await history(ownerClient)).find((e) => e.contactId === tom.id)).toMatchObject({ actor: { type: 'trusted_user', name: 'Hanna Helper' } });

    expect((await profileOnlyClient.api('GET', '/api/v1/contacts')).status).toBe(403);
    expect((await profileOnlyClient.api('POST', '/api/v1/contacts', { role: 'technical', name: 'X', email: 'x@example.org' })).status).toBe(403);
    expect((await profileOnlyClient.postForm(`/account/contacts/${tom.id}/remove`, {})).status).toBe(403);

    // Another account sees none of them and cannot reach them by id.
    expect(await contacts(otherClient)).toEqual([]);
    expect((await otherClient.get(`/account/contacts/${tom.id}`)).status).toBe(404);
    expect((await otherClient.api('PATCH', `/api/v1/contacts/${tom.id}`, { name: 'Hijacked' })).status).toBe(404);
    expect((await otherClient.api('DELETE', `/api/v1/contacts/${tom.id}`)).status).toBe(404);
    expect((await otherClient.postForm(`/account/contacts/${tom.id}/remove`, {})).status).toBe(404);
    expect((await otherClient.postForm(`/account/contacts/${tom.id}`, { role: 'billing', name: 'X', email: 'x@example.org' })).status).toBe(404);
    expect((await contacts(ownerClient)).map((c) => c.name).sort()).toEqual(['Bea Buchhaltung', 'Tom Technik']);
    expect((await t.client().api('GET', '/api/v1/contacts')).status).toBe(401);
    expect((await ownerClient.get('/account/contacts/not-a-uuid')).status).toBe(400);
  });

  it('shows contact entries of the history only to the owner and a trusted user with the contacts grant', async () => {
    expect((await ownerClient.api('PATCH', '/api/v1/profile', { company: 'Owner Werke GmbH' })).status).toBe(200);
    const ownerEntries = await history(ownerClient);
    expect(ownerEntries.some((e) => e.contactId !== null && e.newValue === 'tom@example.org')).toBe(true);
    expect(await history(bothGrantsClient)).toEqual(ownerEntries);

    const profileOnlyResponse = await profileOnlyClient.api('GET', '/api/v1/profile/history');
    expect(profileOnlyResponse.status).toBe(200);
    const profileOnly = ((await profileOnlyResponse.json()) as HistoryJson).entries;
    expect(profileOnly.find((e) => e.field === 'company')).toMatchObject({ newValue: 'Owner Werke GmbH' });
    expect(profileOnly).toEqual(ownerEntries.filter((e) => e.contactId === null));
    expect(profileOnly.some((e) => e.contactId !== null || e.contactRole !== null || e.field.startsWith('contact.'))).toBe(false);
    const page = await (await profileOnlyClient.get('/account/profile/history')).text();
    expect(page).toContain('Owner Werke GmbH');
    for (const value of ['Tom Technik', 'tom@example.org', 'Bea Buchhaltung', 'finance@example.net', 'bea@example.net', '+49895550100']) expect(page, value).not.toContain(value);
  });

  it('removing a contact erases them: key shredded, subject marked, history values gone, removal recorded', async () => {
    const { db, keyring } = t.app.deps;
    const row = await db.selectFrom('account_contacts').select('subject_id').where('id', '=', billingContactId).executeTakeFirstOrThrow();
    const removed = await ownerClient.postForm(`/account/contacts/${billingContactId}/remove`, {});
    expect(removed.status).toBe(303);
    expect(await db.selectFrom('account_contacts').select('id').where('id', '=', billingContactId).executeTakeFirst()).toBeUndefined();
    await expect(keyring.forSubject(db, row.subject_id)).rejects.toBeInstanceOf(SubjectKeyShreddedError);
    expect((await db.selectFrom('subjects').select('erased_at').where('id', '=', row.subject_id).executeTakeFirstOrThrow()).erased_at).not.toBeNull();
    const values = await db.selectFrom('profile_changes').select(['old_value_enc', 'new_value_enc', 'field']).where('contact_id', '=', billingContactId).execute();
    expect(values.every((v) => v.old_value_enc === null && v.new_value_enc === null)).toBe(true);

    const entries = (await history(ownerClient)).filter((e) => e.contactId === billingContactId);
    expect(entries[0]).toMatchObject({ field: 'contact.removed', contactRole: 'technical', actor: { type: 'customer' } });
    expect(entries.slice(1).every((e) => e.erased && e.oldValue === null && e.newValue === null)).toBe(true);
    const page = await (await ownerClient.get('/account/profile/history')).text();
    expect(page).toContain('The contact was removed and their details erased.');
    expect(page).toContain('erased with the contact');
    expect(page).not.toContain('finance@example.net');
    expect((await ownerClient.api('DELETE', `/api/v1/contacts/${billingContactId}`)).status).toBe(404);
  });
});
