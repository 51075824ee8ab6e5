import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified, uniqueEmail, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { actFor } from './profile.test-helpers.js';

/** The page's main content without the per-request CSRF token and the address typed in. */
function answerShape(page: string, typed: string): string {
  const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
  return main.replaceAll(typed, '<typed>');
}

describe.each(databaseKinds)('changing the sign-in address (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount;
  let aliceClient: HttpClient;
  let taken: SignedUpAccount;

  beforeAll(async () => {
    t = await startTestApp(kind);
    aliceClient = t.client();
    alice = await signUpVerified(t, aliceClient, { firstName: 'Alice' });
    taken = await signUpVerified(t, t.client(), { firstName: 'Tara' });
  }, 120_000);
  afterAll(async () => t?.close());

  const outbox = async (subjectId: string, template: string) => (await readOutbox(t, subjectId)).filter((m) => m.template === template);

  it('needs the current password and a different address', async () => {
    const wrong = await aliceClient.postForm('/account/profile/email', { newEmail: uniqueEmail('new'), currentPassword: 'not my password at all' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Enter your current password correctly.');
    const same = await aliceClient.postForm('/account/profile/email', { newEmail: alice.email.toUpperCase(), currentPassword: alice.password });
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('Enter a valid email address that is not your current one.');
    expect((await aliceClient.postForm('/account/profile/email', { newEmail: 'nope', currentPassword: alice.password })).status).toBe(400);
    expect(await outbox(alice.subjectId, 'profile.email_change_requested')).toHaveLength(0);
  });

  it('answers a taken address exactly like a free one, and tells the owner of the taken address', async () => {
    const free = uniqueEmail('free');
    const freeAnswer = await aliceClient.postForm('/account/profile/email', { newEmail: free, currentPassword: alice.password });
    const takenAnswer = await aliceClient.postForm('/account/profile/email', { newEmail: taken.email, currentPassword: alice.password });
    expect(freeAnswer.status).toBe(200);
    expect(takenAnswer.status).toBe(200);
    expect(answerShape(await takenAnswer.text(), taken.email)).toBe(answerShape(await freeAnswer.text(), free));
    const apiFree = await aliceClient.api('POST', '/api/v1/profile/email', { newEmail: uniqueEmail('api'), currentPassword: alice.password });
    const apiTaken = await aliceClient.api('POST', '/api/v1/profile/email', { newEmail: taken.email, currentPassword: alice.password });
    expect([apiFree.status, apiTaken.status]).toEqual([202, 202]);
    expect(await apiTaken.json()).toEqual(await apiFree.json());

    // Each request told the current address; only free addresses got a link.
    expect(await outbox(alice.subjectId, 'profile.email_change_requested')).toHaveLength(4);
    const links = await outbox(alice.subjectId, 'profile.email_change_confirm');
    expect(links.map((m) => m.to)).not.toContain(taken.email);
    expect(links).toHaveLength(2);
    const warned = await outbox(taken.subjectId, 'profile.email_change_address_taken');
    expect(warned).toHaveLength(2);
    expect(warned[0]!.to).toBe(taken.email);
    expect(warned[0]!.text).not.toContain(alice.email);
  });

  it('applies the change only when the new mailbox confirms; the blind index, sign-in and history follow', async () => {
    const newEmail = uniqueEmail('moved');
    expect((await aliceClient.postForm('/account/profile/email', { newEmail, currentPassword: alice.password })).status).toBe(200);
    const notice = (await outbox(alice.subjectId, 'profile.email_change_requested')).at(-1)!;
    expect(notice.to).toBe(alice.email);
    expect(notice.text).toContain(`${newEmail[0]}***@example.test`);
    expect(notice.text).not.toContain(newEmail);
    const message = (await outbox(alice.subjectId, 'profile.email_change_confirm')).at(-1)!;
    expect(message.to).toBe(newEmail);
    const link = pathOf(findLink(message, '/account/profile/email/confirm'));
    expect(await (await aliceClient.get('/account/profile')).text()).toContain(`A change to ${newEmail} is waiting`);

    // Opening the link (a mail scanner does that too) changes nothing.
    const landing = await t.client().get(link);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('Confirm the new address');
    expect((await (await aliceClient.api('GET', '/api/v1/profile')).json() as { email: string }).email).toBe(alice.email);

    const token = new URL(link, t.baseUrl).searchParams.get('token')!;
    const confirmed = await t.client().postForm('/account/profile/email/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain(`you now sign in with ${newEmail}`);

    const { db, keyring } = t.app.deps;
    const row = await db.selectFrom('accounts').select(['email_lookup', 'email_verified_at']).where('id', '=', alice.accountId).executeTakeFirstOrThrow();
    expect(row.email_lookup.equals(keyring.emailLookup(newEmail))).toBe(true);
    expect((await signIn(t.client(), newEmail, alice.password)).status).toBe(303);
    expect((await signIn(t.client(), alice.email, alice.password)).status).toBe(401);
    const history = (await (await aliceClient.api('GET', '/api/v1/profile/history')).json()) as { entries: Array<{ field: string; oldValue: string; newValue: string; actor: { type: string } }> };
    expect(history.entries[0]).toMatchObject({ field: 'email', oldValue: alice.email, newValue: newEmail, actor: { type: 'customer' } });
    const changed = (await outbox(alice.subjectId, 'profile.email_changed')).at(-1)!;
    expect(changed.to).toBe(alice.email);
    const audit = await db.selectFrom('audit_events').select('details').where('action', '=', 'profile.email_changed').executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ accountId: alice.accountId, fields: ['email'] });

    // The link works once; earlier links were replaced by the newer request.
    expect((await t.client().postForm('/account/profile/email/confirm', { token })).status).toBe(400);
    const older = (await outbox(alice.subjectId, 'profile.email_change_confirm')).at(0)!;
    const olderToken = new URL(findLink(older, '/account/profile/email/confirm')).searchParams.get('token')!;
    const refused = await t.client().api('POST', '/api/v1/profile/email/confirm', { token: olderToken });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    alice = { ...alice, email: newEmail };
  });

  it('refuses a confirmation once another account took the address, and expired links', async () => {
    const contested = uniqueEmail('contested');
    await aliceClient.api('POST', '/api/v1/profile/email', { newEmail: contested, currentPassword: alice.password });
    const link = findLink((await outbox(alice.subjectId, 'profile.email_change_confirm')).at(-1)!, '/account/profile/email/confirm');
    await signUpVerified(t, t.client(), { email: contested });
    const token = new URL(link).searchParams.get('token')!;
    expect((await t.client().api('POST', '/api/v1/profile/email/confirm', { token })).status).toBe(400);
    expect((await (await aliceClient.api('GET', '/api/v1/profile')).json() as { email: string }).email).toBe(alice.email);

    await aliceClient.api('POST', '/api/v1/profile/email', { newEmail: uniqueEmail('late'), currentPassword: alice.password });
    const late = new URL(findLink((await outbox(alice.subjectId, 'profile.email_change_confirm')).at(-1)!, '/account/profile/email/confirm')).searchParams.get('token')!;
    await t.app.deps.db.updateTable('customer_profiles').set({ pending_email_expires_at: new Date(Date.now() - 1000) }).where('account_id', '=', alice.accountId).execute();
    const expired = await t.client().postForm('/account/profile/email/confirm', { token: late });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('This link is invalid or has expired.');
    expect((await t.client().postForm('/account/profile/email/confirm', { token: 'short' })).status).toBe(400);
  });

  it('is the owner\'s alone: a trusted user with the profile grant is refused', async () => {
    const trustedClient = t.client();
    const trusted = await signUpVerified(t, trustedClient);
    await actFor(t, trusted, alice, ['profile']);
    expect((await trustedClient.get('/account/profile/email')).status).toBe(403);
    // (The form and the API share the refusal; one request here keeps under the per-IP limit of this suite.)
    expect((await trustedClient.api('POST', '/api/v1/profile/email', { newEmail: uniqueEmail('x'), currentPassword: trusted.password })).status).toBe(403);
    expect((await t.client().api('POST', '/api/v1/profile/email', { newEmail: uniqueEmail('x'), currentPassword: 'x' })).status).toBe(401);
  });
});
