import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified, uniqueEmail, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { systemContext } from '../context/request-context.js';
import { keyedHash } from '../crypto/envelope.js';
import { updateProfile } from '../profile/update-profile.js';
import { createTestStaff, signInStaffApi, type TestStaff } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { abuseIdentifierHash } from './abuse-identifiers.js';

const roles: readonly StaffRole[] = ['owner', 'privacy_officer', 'support', 'billing', 'auditor'];
const note = 'Your site sent 40,000 spam emails on 3 March.';

describe.each(databaseKinds)('abuse suspension (%s)', (kind) => {
  let t: TestApp;
  const staff = {} as Record<StaffRole, TestStaff>;
  const clients = {} as Record<StaffRole, HttpClient>;
  let carol: SignedUpAccount;
  let carolClient: HttpClient;

  const accountOf = (id: string) => t.app.deps.db.selectFrom('accounts').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
  const lookup = (email: string) => t.app.deps.db.selectFrom('accounts').select('id').where('email_lookup', '=', t.app.deps.keyring.emailLookup(email)).execute();
  const signUpForm = (email: string) => ({ email, firstName: 'Eve', lastName: 'Again', password: 'a long enough password 1', country: '', minimumAgeConfirmed: 'yes' });

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const role of roles) {
      staff[role] = await createTestStaff(t, role);
      clients[role] = t.client();
      await signInStaffApi(clients[role], staff[role]);
    }
    carolClient = t.client();
    carol = await signUpVerified(t, carolClient, { firstName: 'Carol', email: uniqueEmail('Carol.Spam') });
    await updateProfile(t.app.deps, { ...systemContext('dpv:AccountManagement'), actor: { type: 'customer', id: carol.accountId } }, carol, { phone: '0049 30 5550199' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('lets only support and the owner suspend', async () => {
    const path = `/console/customers/${carol.accountId}/suspend`;
    for (const role of ['privacy_officer', 'billing', 'auditor'] as const) {
      expect((await clients[role].get(path)).status, role).toBe(403);
      expect((await clients[role].postForm(path, { category: 'spam', note })).status, role).toBe(403);
      expect((await clients[role].postForm(`/console/customers/${carol.accountId}/lift-suspension`, {})).status, role).toBe(403);
    }
    const form = await clients.support.get(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Explanation for the customer');
    expect((await accountOf(carol.accountId)).status).toBe('active');
  });

  it('refuses an incomplete suspension form and changes nothing', async () => {
    const path = `/console/customers/${carol.accountId}/suspend`;
    const noCategory = await clients.support.postForm(path, { category: 'annoying', note });
    expect(noCategory.status).toBe(400);
    expect(await noCategory.text()).toContain('Choose the kind of abuse.');
    const shortNote = await clients.support.postForm(path, { category: 'spam', note: 'spam' });
    expect(shortNote.status).toBe(400);
    expect(await shortNote.text()).toContain('Explain the suspension in at least 10 characters.');
    expect((await clients.support.postForm('/console/customers/00000000-0000-4000-8000-000000000000/suspend', { category: 'spam', note })).status).toBe(404);
    expect((await accountOf(carol.accountId)).status).toBe('active');
    expect(await t.app.deps.db.selectFrom('abuse_blocks').select('id').execute()).toEqual([]);
  });

  it('suspends: status, sessions revoked, keyed hashes kept, customer told, audited without the note', async () => {
    expect((await carolClient.get('/account')).status).toBe(200);
    const done = await clients.support.postForm(`/console/customers/${carol.accountId}/suspend`, { category: 'spam', note });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/console/customers/${carol.accountId}?done=suspended`);
    expect(await (await clients.support.get(done.headers.get('location')!)).text()).toContain('The account is suspended.');

    expect((await accountOf(carol.accountId)).status).toBe('suspended');
    expect((await carolClient.get('/account')).status).not.toBe(200);
    const live = await t.app.deps.db.selectFrom('sessions').select('id').where('principal_kind', '=', 'account').where('principal_id', '=', carol.accountId).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
    expect((await signIn(t.client(), carol.email, carol.password)).status).not.toBe(303);

    const [block] = await t.app.deps.db.selectFrom('abuse_blocks').selectAll().where('account_id', '=', carol.accountId).execute();
    expect(block).toMatchObject({ subject_id: carol.subjectId, category: 'spam', created_by: staff.support.staffId });
    const key = t.app.deps.keys.abuseIdentifiers;
    // Normalised: trimmed and lower-cased email. Carol's profile has a phone number, but sign-up never
    // checks one, so no hash of it is kept: the block holds the email hash and nothing else about her.
    expect(block!.email_hash.equals(keyedHash(key, `email:${carol.email.toLowerCase()}`))).toBe(true);
    expect(block!.email_hash.equals(abuseIdentifierHash(key, 'email', `  ${carol.email.toUpperCase()} `))).toBe(true);
    expect(Object.keys(block!).sort()).toEqual(['account_id', 'category', 'created_at', 'created_by', 'email_hash', 'id', 'subject_id']);
    expect(block!.email_hash.equals(t.app.deps.keyring.emailLookup(carol.email))).toBe(false);

    const message = await t.app.deps.db.selectFrom('account_messages').selectAll().where('account_id', '=', carol.accountId).where('category', '=', 'abuse').executeTakeFirstOrThrow();
    const cipher = await t.app.deps.keyring.forSubject(t.app.deps.db, carol.subjectId);
    expect(cipher.decrypt(message.body_enc, 'account_messages.body_enc')).toContain(note);
    const email = (await readOutbox(t, carol.subjectId)).find((m) => m.template === 'account.suspended_for_abuse');
    expect(email).toMatchObject({ to: carol.email, messageClass: 'service', subject: 'Your account has been suspended' });
    expect(email!.text).toContain('(Spam)');

    const event = await t.app.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.suspended_for_abuse').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_type: 'staff', actor_id: staff.support.staffId, subject_id: carol.subjectId, purpose: 'dpv:FraudPreventionAndDetection', details: { accountId: carol.accountId, category: 'spam', abuseBlockId: block!.id, hashedIdentifiers: ['email'] } });
    expect((event.details as { revokedSessions: number }).revokedSessions).toBeGreaterThan(0);
    expect(JSON.stringify(event.details)).not.toContain('40,000');

    expect((await clients.support.postForm(`/console/customers/${carol.accountId}/suspend`, { category: 'spam', note })).status).toBe(409);
    expect(await (await clients.support.get(`/console/customers/${carol.accountId}/suspend`)).text()).toContain('Lift the suspension');
  });

  it('blocks a new sign-up with the suspended address (any case) exactly like a taken one, but not a plus-address', async () => {
    // Once the suspended account is gone (erased or closed), only the keyed hash remembers the address.
    const dave = await signUpVerified(t, t.client(), { email: uniqueEmail('dave') });
    await clients.owner.postForm(`/console/customers/${dave.accountId}/suspend`, { category: 'fraud', note: 'Paid with stolen cards.' });
    await t.app.deps.db.deleteFrom('accounts').where('id', '=', dave.accountId).execute();
    expect(await lookup(dave.email)).toEqual([]);

    const taken = await t.client().postForm('/sign-up', signUpForm(carol.email));
    const blocked = await t.client().postForm('/sign-up', signUpForm(`  ${dave.email.toUpperCase()} `));
    expect(blocked.status).toBe(taken.status);
    expect(blocked.headers.get('location')).toBe(taken.headers.get('location'));
    expect(await lookup(dave.email)).toEqual([]);
    const refused = await t.app.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.sign_up_blocked').executeTakeFirstOrThrow();
    expect(refused.details).toEqual({ abuseBlockId: expect.any(String) });

    // A plus-address is another mailbox at many providers: it is not blocked.
    const [local, domain] = dave.email.split('@');
    const plus = `${local}+new@${domain}`;
    expect((await t.client().postForm('/sign-up', signUpForm(plus))).status).toBe(303);
    expect(await lookup(plus)).toHaveLength(1);
  });

  it('lifts a suspension: active again, blocks deleted, customer told, audited', async () => {
    const path = `/console/customers/${carol.accountId}/lift-suspension`;
    const done = await clients.owner.postForm(path, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/console/customers/${carol.accountId}?done=lifted`);
    expect((await accountOf(carol.accountId)).status).toBe('active');
    expect(await t.app.deps.db.selectFrom('abuse_blocks').select('id').where('account_id', '=', carol.accountId).execute()).toEqual([]);
    expect((await signIn(t.client(), carol.email, carol.password)).status).toBe(303);
    expect((await readOutbox(t, carol.subjectId)).some((m) => m.template === 'account.suspension_lifted')).toBe(true);
    const event = await t.app.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.suspension_lifted').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_id: staff.owner.staffId, subject_id: carol.subjectId, details: { accountId: carol.accountId } });
    expect((await clients.owner.postForm(path, {})).status).toBe(409);
  });
});
