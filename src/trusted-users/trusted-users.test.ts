import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified, uniqueEmail, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { createLogger } from '../app/logger.js';
import { sweepRetention } from '../retention/sweep-retention.js';
import { seedTrustedUsersDemo } from './trusted-users.demo.js';

interface Person extends SignedUpAccount {
  readonly client: HttpClient;
}

/**
 * Trusted users end to end over HTTP: the owner invites by email, only the invited address's own
 * account accepts, the person switches between accounts, area routes follow the grant, every step
 * is audited as the trusted user on behalf of the account, and revoking or leaving ends it at once.
 */
describe.each(databaseKinds)('trusted users (%s)', (kind) => {
  let t: TestApp;
  let olivia: Person;
  let oscar: Person;
  let pat: Person;
  let eve: Person;
  /** Pat's second browser: acting is per session, so this one stays in Pat's own account. */
  let patElsewhere: HttpClient;
  let oliviaGrant: string;
  let oscarGrant: string;

  async function person(firstName: string, lastName: string): Promise<Person> {
    const client = t.client();
    const account = await signUpVerified(t, client, { firstName, lastName });
    return { ...account, client };
  }

  async function grantRow(id: string) {
    return t.app.deps.db.selectFrom('trusted_users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function invitationEmail(grantId: string) {
    const row = await grantRow(grantId);
    const mail = (await readOutbox(t, row.invitee_subject_id)).filter((m) => m.template === 'trusted_users.invitation').at(-1);
    if (!mail) throw new Error('no invitation email');
    return mail;
  }

  async function acceptPath(grantId: string): Promise<string> {
    const mail = await invitationEmail(grantId);
    const match = /https?:\/\/\S+\/account\/trusted-users\/accept\/[A-Za-z0-9_-]+/.exec(mail.text);
    if (!match) throw new Error('no accept link in the invitation');
    return pathOf(match[0]);
  }

  async function acting(client: HttpClient): Promise<{ current: string | null; accounts: { grantId: string; accountId: string; ownerName: string; areas: string[]; current: boolean }[] }> {
    const response = await client.api('GET', '/api/v1/acting');
    expect(response.status).toBe(200);
    return (await response.json()) as never;
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    olivia = await person('Olivia', 'Owner');
    oscar = await person('Oscar', 'Second');
    pat = await person('Pat', 'Helper');
    eve = await person('Eve', 'Other');
    patElsewhere = t.client();
    expect((await signIn(patElsewhere, pat.email, pat.password)).status).toBe(303);
  }, 120_000);
  afterAll(async () => t?.close());

  it('the owner invites by email: the address sealed with the invitee\'s own key, the link hashed, a service email sent', async () => {
    const invite = await olivia.client.postForm('/account/trusted-users', { email: pat.email.toUpperCase(), areas: 'support' });
    expect(invite.status).toBe(303);
    expect(invite.headers.get('location')).toBe('/account/trusted-users?done=invited');
    const row = await t.app.deps.db.selectFrom('trusted_users').selectAll().where('account_id', '=', olivia.accountId).executeTakeFirstOrThrow();
    oliviaGrant = row.id;
    expect(row).toMatchObject({ status: 'invited', areas: ['support'], person_account_id: null });
    expect(row.invitee_email_lookup!.equals(t.app.deps.keyring.emailLookup(pat.email))).toBe(true);
    expect(row.invitee_email_enc!.toString('latin1')).not.toContain(pat.email.split('@')[0]);
    expect(row.invitation_token_hash).toHaveLength(32);
    expect(row.invitation_expires_at.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    // The invitee is a subject of their own; the owner's key does not seal their address.
    expect(row.invitee_subject_id).not.toBe(olivia.subjectId);

    const mail = await invitationEmail(row.id);
    expect(mail).toMatchObject({ messageClass: 'service', to: pat.email.toUpperCase(), subject: 'Olivia Owner invites you to act for their hosting account' });
    expect(mail.text).toContain('- Support');
    const path = await acceptPath(row.id);
    expect(findLink(mail, path)).toBe(`${t.config.http.publicUrl}${path}`);

    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of', 'subject_id', 'details']).where('action', '=', 'trusted_users.invited').execute();
    expect(audit).toEqual([{ actor_type: 'customer', actor_id: olivia.accountId, on_behalf_of: null, subject_id: olivia.subjectId, details: { grantId: row.id, accountId: olivia.accountId, inviteeSubjectId: row.invitee_subject_id, areas: ['support'] } }]);
    expect(JSON.stringify(audit)).not.toContain(pat.email);

    const page = await (await olivia.client.get('/account/trusted-users')).text();
    expect(page).toContain(pat.email.toUpperCase());
    expect(page).toContain('Invitation sent');
  });

  it('refuses bad invitations with clear messages: no area, a bad address, the owner\'s own address', async () => {
    const noArea = await olivia.client.postForm('/account/trusted-users', { email: uniqueEmail() });
    expect(noArea.status).toBe(400);
    expect(await noArea.text()).toContain('Choose at least one area.');
    const badEmail = await olivia.client.postForm('/account/trusted-users', { email: 'not an address', areas: ['support', 'billing'] });
    expect(badEmail.status).toBe(400);
    const badPage = await badEmail.text();
    expect(badPage).toContain('Enter a valid email address.');
    expect(badPage).toMatch(/value="billing" checked/);
    const self = await olivia.client.postForm('/account/trusted-users', { email: olivia.email, areas: 'support' });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('You cannot make yourself a trusted user of your own account.');
    const unknownArea = await olivia.client.api('POST', '/api/v1/trusted-users', { email: uniqueEmail(), areas: ['everything'] });
    expect(unknownArea.status).toBe(400);
    expect(unknownArea.headers.get('content-type')).toContain('application/problem+json');
    const selfApi = await olivia.client.api('POST', '/api/v1/trusted-users', { email: olivia.email, areas: ['support'] });
    expect(selfApi.status).toBe(400);
    expect(((await selfApi.json()) as { detail: string }).detail).toBe('You cannot make yourself a trusted user of your own account');
    expect(await t.app.deps.db.selectFrom('trusted_users').select('id').where('account_id', '=', olivia.accountId).execute()).toHaveLength(1);
  });

  it('the link asks a signed-out visitor to sign in and come back; another account is refused and changes nothing', async () => {
    const path = await acceptPath(oliviaGrant);
    const anonymous = await t.client().get(path);
    expect(anonymous.status).toBe(200);
    const anonymousPage = await anonymous.text();
    expect(anonymousPage).toContain(`href="/sign-in?next=${encodeURIComponent(path)}"`);
    expect(anonymousPage).not.toContain('Olivia');

    const wrong = await eve.client.get(path);
    expect(wrong.status).toBe(403);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain('This invitation was sent to a different email address.');
    expect(wrongPage).not.toContain('Olivia');
    expect((await eve.client.postForm(path, {})).status).toBe(403);
    const token = decodeURIComponent(path.split('/').at(-1)!);
    expect((await eve.client.api('POST', '/api/v1/trusted-users/accept', { token })).status).toBe(403);
    // The owner cannot accept their own invitation either.
    expect((await olivia.client.postForm(path, {})).status).toBe(400);
    expect(await grantRow(oliviaGrant)).toMatchObject({ status: 'invited', person_account_id: null });
  });

  it('refuses an expired link, and a renewed invitation replaces the old link', async () => {
    const late = await person('Lou', 'Late');
    const sent = await olivia.client.api('POST', '/api/v1/trusted-users', { email: late.email, areas: ['billing'] });
    expect(sent.status).toBe(201);
    const { id, renewed } = (await sent.json()) as { id: string; renewed: boolean };
    expect(renewed).toBe(false);
    const firstPath = await acceptPath(id);

    const again = await olivia.client.api('POST', '/api/v1/trusted-users', { email: late.email, areas: ['domains'] });
    expect(await again.json()).toMatchObject({ id, renewed: true });
    const secondPath = await acceptPath(id);
    expect(secondPath).not.toBe(firstPath);
    expect((await late.client.get(firstPath)).status).toBe(400);
    expect((await grantRow(id)).areas).toEqual(['domains']);

    await t.app.deps.db.updateTable('trusted_users').set({ invitation_expires_at: new Date(Date.now() - 60_000) }).where('id', '=', id).execute();
    const expired = await late.client.postForm(secondPath, {});
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('This invitation link is invalid, was withdrawn or has expired.');
    expect(await grantRow(id)).toMatchObject({ status: 'invited', person_account_id: null });
    const list = (await (await olivia.client.api('GET', '/api/v1/trusted-users')).json()) as { trustedUsers: { id: string; state: string }[] };
    expect(list.trustedUsers.find((u) => u.id === id)?.state).toBe('expired');
  });

  it('the invited account accepts; the link is then used up and the owner is told', async () => {
    const path = await acceptPath(oliviaGrant);
    const offer = await pat.client.get(path);
    expect(offer.status).toBe(200);
    const offerPage = await offer.text();
    expect(offerPage).toContain('Olivia Owner invites you to act for their account.');
    expect(offerPage).toContain('<li>Support</li>');
    const accepted = await pat.client.postForm(path, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/account/acting?done=accepted');
    expect(await grantRow(oliviaGrant)).toMatchObject({ status: 'active', person_account_id: pat.accountId, invitation_token_hash: null });
    expect((await pat.client.get(path)).status).toBe(400);

    const told = (await readOutbox(t, olivia.subjectId)).filter((m) => m.template === 'trusted_users.accepted');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(`${pat.email.toUpperCase()} accepted your invitation`);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'subject_id']).where('action', '=', 'trusted_users.accepted').execute();
    expect(audit).toEqual([{ actor_type: 'customer', actor_id: pat.accountId, subject_id: pat.subjectId }]);
  });

  it('switching acts for the account in this session only; granted areas open, others answer 403', async () => {
    expect(await acting(pat.client)).toEqual({ current: null, accounts: [{ grantId: oliviaGrant, accountId: olivia.accountId, ownerName: 'Olivia Owner', areas: ['support'], current: false }] });
    const listPage = await (await pat.client.get('/account/acting')).text();
    expect(listPage).toContain('Olivia Owner');
    expect(listPage).toContain('You are using your own account.');

    const switched = await pat.client.postForm('/account/acting', { accountId: olivia.accountId });
    expect(switched.status).toBe(303);
    expect((await acting(pat.client)).current).toBe(olivia.accountId);
    expect((await acting(patElsewhere)).current).toBeNull();

    const page = await (await pat.client.get('/account/acting?done=switched')).text();
    expect(page).toContain('You are acting for the account of Olivia Owner.');
    expect(page).toContain('href="/account/support"');
    expect(page).not.toContain('href="/account/billing"');
    expect(page).not.toContain('href="/account/trusted-users"');

    expect((await pat.client.get('/account/support')).status).toBe(200);
    const billing = await pat.client.get('/account/billing');
    expect(billing.status).toBe(403);
    expect((await patElsewhere.get('/account/billing')).status).toBe(200);

    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of', 'subject_id']).where('action', '=', 'trusted_users.acting_started').execute();
    expect(audit).toEqual([{ actor_type: 'trusted_user', actor_id: pat.accountId, on_behalf_of: olivia.accountId, subject_id: olivia.subjectId }]);

    // What Pat does in a granted area happens on Olivia's account and is recorded as Pat, on her behalf.
    const departments = (await (await pat.client.api('GET', '/api/v1/support/departments')).json()) as { departments: { id: string }[] };
    const opened = await pat.client.api('POST', '/api/v1/support/tickets', { department: departments.departments[0]!.id, subject: 'Mailbox quota', body: 'Please raise the quota of info@.' });
    expect(opened.status).toBe(201);
    const { reference } = (await opened.json()) as { reference: string };
    expect((await olivia.client.api('GET', `/api/v1/support/tickets/${reference}`)).status).toBe(200);
    expect((await patElsewhere.api('GET', `/api/v1/support/tickets/${reference}`)).status).toBe(404);
    const done = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of']).where('request_id', '=', opened.headers.get('x-request-id') ?? '').execute();
    expect(done.length).toBeGreaterThan(0);
    expect(new Set(done.map((e) => `${e.actor_type}:${e.actor_id}:${e.on_behalf_of}`))).toEqual(new Set([`trusted_user:${pat.accountId}:${olivia.accountId}`]));

    // No grant, no acting: another account is not found and the session stays as it was.
    expect((await pat.client.postForm('/account/acting', { accountId: eve.accountId })).status).toBe(404);
    expect((await pat.client.api('PUT', '/api/v1/acting', { accountId: 'not-a-uuid' })).status).toBe(400);
    expect((await acting(pat.client)).current).toBe(olivia.accountId);
  });

  it('the owner sees what trusted users did, with who; the acting person cannot manage or widen their grant', async () => {
    const actions = (await (await olivia.client.api('GET', '/api/v1/trusted-users/actions')).json()) as { actions: { action: string; by: string | null; personAccountId: string }[] };
    expect(actions.actions).toContainEqual(expect.objectContaining({ action: 'trusted_users.acting_started', by: pat.email.toUpperCase(), personAccountId: pat.accountId }));
    const page = await (await olivia.client.get('/account/trusted-users')).text();
    expect(page).toContain('<code>trusted_users.acting_started</code>');

    // While acting for Olivia, Pat reaches no grant management at all.
    expect((await pat.client.get('/account/trusted-users')).status).toBe(403);
    expect((await pat.client.api('PATCH', `/api/v1/trusted-users/${oliviaGrant}`, { areas: ['support', 'billing'] })).status).toBe(403);
    expect((await pat.client.postForm(`/account/trusted-users/${oliviaGrant}/areas`, { areas: ['support', 'billing'] })).status).toBe(403);
    expect((await pat.client.postForm('/account/trusted-users', { email: uniqueEmail(), areas: 'billing' })).status).toBe(403);
    // As himself, Olivia's grant is not his account's: not found.
    expect((await patElsewhere.api('PATCH', `/api/v1/trusted-users/${oliviaGrant}`, { areas: ['billing'] })).status).toBe(404);
    // Another account can neither see nor revoke Olivia's grants.
    expect((await eve.client.get(`/account/trusted-users/${oliviaGrant}`)).status).toBe(404);
    expect((await eve.client.api('GET', `/api/v1/trusted-users/${oliviaGrant}`)).status).toBe(404);
    expect((await eve.client.api('DELETE', `/api/v1/trusted-users/${oliviaGrant}`)).status).toBe(404);
    expect((await eve.client.postForm(`/account/trusted-users/${oliviaGrant}/revoke`, {})).status).toBe(404);
    expect(await (await eve.client.api('GET', '/api/v1/trusted-users')).json()).toEqual({ trustedUsers: [] });
    expect(await grantRow(oliviaGrant)).toMatchObject({ status: 'active', areas: ['support'] });
  });

  it('the owner changes the areas, effective on the next request', async () => {
    const changed = await olivia.client.postForm(`/account/trusted-users/${oliviaGrant}/areas`, { areas: ['support', 'billing'] });
    expect(changed.status).toBe(303);
    expect((await pat.client.get('/account/billing')).status).toBe(200);
    const none = await olivia.client.postForm(`/account/trusted-users/${oliviaGrant}/areas`, {});
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one area.');
    const back = await olivia.client.api('PATCH', `/api/v1/trusted-users/${oliviaGrant}`, { areas: ['support'] });
    expect(await back.json()).toMatchObject({ id: oliviaGrant, state: 'active', areas: ['support'] });
    expect((await pat.client.get('/account/billing')).status).toBe(403);
    const audit = await t.app.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'trusted_users.areas_changed').orderBy('seq').execute();
    expect(audit.map((a) => a.details)).toEqual([
      { grantId: oliviaGrant, accountId: olivia.accountId, areas: ['support', 'billing'], previousAreas: ['support'] },
      { grantId: oliviaGrant, accountId: olivia.accountId, areas: ['support'], previousAreas: ['support', 'billing'] },
    ]);
  });

  it('one person acts for several accounts and switches between them', async () => {
    const sent = await oscar.client.api('POST', '/api/v1/trusted-users', { email: pat.email, areas: ['billing', 'domains'] });
    oscarGrant = ((await sent.json()) as { id: string }).id;
    const token = decodeURIComponent((await acceptPath(oscarGrant)).split('/').at(-1)!);
    // While acting for Olivia, Pat must go back to his own account to accept.
    expect((await pat.client.api('POST', '/api/v1/trusted-users/accept', { token })).status).toBe(403);
    const accepted = await patElsewhere.api('POST', '/api/v1/trusted-users/accept', { token });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ grantId: oscarGrant, accountId: oscar.accountId });

    const options = await acting(pat.client);
    expect(options.accounts.map((a) => [a.ownerName, a.areas, a.current])).toEqual([['Olivia Owner', ['support'], true], ['Oscar Second', ['billing', 'domains'], false]]);
    expect((await pat.client.api('PUT', '/api/v1/acting', { accountId: oscar.accountId })).status).toBe(204);
    expect((await pat.client.get('/account/billing')).status).toBe(200);
    expect((await pat.client.get('/account/support')).status).toBe(403);
    const ended = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'on_behalf_of']).where('action', '=', 'trusted_users.acting_ended').execute();
    expect(ended).toEqual([{ actor_type: 'trusted_user', on_behalf_of: olivia.accountId }]);
    expect((await pat.client.api('PUT', '/api/v1/acting', { accountId: olivia.accountId })).status).toBe(204);
  });

  it('revoking ends the acting on the person\'s next request and tells them', async () => {
    expect((await acting(pat.client)).current).toBe(olivia.accountId);
    const revoked = await olivia.client.postForm(`/account/trusted-users/${oliviaGrant}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect((await acting(pat.client)).current).toBeNull();
    // Back in his own account, Pat's own billing opens again, and Olivia's account is gone from his list.
    expect((await pat.client.get('/account/billing')).status).toBe(200);
    expect((await acting(pat.client)).accounts.map((a) => a.accountId)).toEqual([oscar.accountId]);
    expect((await pat.client.postForm('/account/acting', { accountId: olivia.accountId })).status).toBe(404);
    const session = await t.app.deps.db.selectFrom('sessions').select('id').where('principal_id', '=', pat.accountId).where('acting_for_account_id', '=', olivia.accountId).execute();
    expect(session).toEqual([]);

    expect((await readOutbox(t, pat.subjectId)).filter((m) => m.template === 'trusted_users.revoked').map((m) => m.text)).toEqual([expect.stringContaining('Olivia Owner ended your access')]);
    expect((await olivia.client.api('DELETE', `/api/v1/trusted-users/${oliviaGrant}`)).status).toBe(204);
    expect(await (await olivia.client.api('GET', `/api/v1/trusted-users/${oliviaGrant}`)).json()).toMatchObject({ state: 'revoked', endedAt: expect.any(String) });
    expect(await t.app.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'trusted_users.revoked').execute()).toHaveLength(1);
  });

  it('the person leaves an account; its owner is told and sees it among the actions', async () => {
    expect((await eve.client.postForm(`/account/acting/${oscarGrant}/leave`, {})).status).toBe(404);
    const left = await pat.client.postForm(`/account/acting/${oscarGrant}/leave`, {});
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe('/account/acting?done=left');
    expect(await acting(pat.client)).toEqual({ current: null, accounts: [] });
    expect(await (await oscar.client.api('GET', `/api/v1/trusted-users/${oscarGrant}`)).json()).toMatchObject({ state: 'left' });
    expect((await readOutbox(t, oscar.subjectId)).filter((m) => m.template === 'trusted_users.left').map((m) => m.text)).toEqual([expect.stringContaining(`${pat.email} gave up their access`)]);
    const actions = (await (await oscar.client.api('GET', '/api/v1/trusted-users/actions')).json()) as { actions: { action: string }[] };
    expect(actions.actions.map((a) => a.action)).toContain('trusted_users.left');
    expect((await pat.client.api('DELETE', `/api/v1/acting/grants/${oscarGrant}`)).status).toBe(404);
  });

  it('the demo hook makes a live grant through the use cases, and a second run changes nothing', async () => {
    await seedTrustedUsersDemo(t.app.deps, eve, oscar, ['support', 'domains']);
    await seedTrustedUsersDemo(t.app.deps, eve, oscar, ['support', 'domains']);
    const rows = await t.app.deps.db.selectFrom('trusted_users').select(['status', 'areas', 'person_account_id']).where('account_id', '=', eve.accountId).execute();
    expect(rows).toEqual([{ status: 'active', areas: ['support', 'domains'], person_account_id: oscar.accountId }]);
    expect((await acting(oscar.client)).accounts.map((a) => a.ownerName)).toEqual(['Eve Other']);
  });

  it('the retention sweep removes invitations 30 days after they expired or the grant ended, never a live grant', async () => {
    const db = t.app.deps.db;
    const pending = await olivia.client.api('POST', '/api/v1/trusted-users', { email: uniqueEmail('pending'), areas: ['support'] });
    const pendingId = ((await pending.json()) as { id: string }).id;
    const live = await db.selectFrom('trusted_users').select(['id', 'closed_at']).where('status', '=', 'active').execute();
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((row) => row.closed_at === null)).toBe(true);
    // A live grant from long ago stays: only its end starts the period.
    await db.updateTable('trusted_users').set({ created_at: new Date('2000-01-01'), accepted_at: new Date('2000-01-01') }).where('id', '=', live[0]!.id).execute();
    const closed = await db.selectFrom('trusted_users').select(['id', 'status', 'ended_at', 'invitation_expires_at', 'closed_at']).where('closed_at', '<=', new Date()).execute();
    // Lou's expired invitation, Olivia's revoked grant and the grant Pat left.
    expect(closed.map((row) => row.id)).toEqual(expect.arrayContaining([oliviaGrant, oscarGrant]));
    expect(closed.some((row) => row.status === 'invited')).toBe(true);
    for (const row of closed) expect(row.closed_at).toEqual(row.status === 'revoked' ? row.ended_at : row.invitation_expires_at);
    const before = (await db.selectFrom('trusted_users').select('id').execute()).map((row) => row.id);

    const sweep = (now: Date) => sweepRetention({ db, config: t.config, logger: createLogger('silent'), now: () => now });
    const day = 86_400_000;
    expect((await sweep(new Date(Date.now() + 29 * day)))['trusted_users']).toBe(0);
    expect((await db.selectFrom('trusted_users').select('id').execute()).map((row) => row.id).sort()).toEqual([...before].sort());

    const counts = await sweep(new Date(Date.now() + 31 * day));
    expect(counts['trusted_users']).toBe(closed.length);
    const left = (await db.selectFrom('trusted_users').select('id').execute()).map((row) => row.id);
    expect(left.sort()).toEqual(before.filter((id) => !closed.some((row) => row.id === id)).sort());
    expect(left).toEqual(expect.arrayContaining([...live.map((row) => row.id), pendingId]));
    // The owner's pages still work; actions by a person whose grant is gone show without an address.
    // (The moved clock also expired every session: sign in again.)
    for (const who of [olivia, oscar]) expect((await signIn(who.client, who.email, who.password)).status).toBe(303);
    expect((await olivia.client.api('GET', `/api/v1/trusted-users/${oliviaGrant}`)).status).toBe(404);
    expect((await olivia.client.get('/account/trusted-users')).status).toBe(200);
    const actions = (await (await olivia.client.api('GET', '/api/v1/trusted-users/actions')).json()) as { actions: { by: string | null }[] };
    expect(actions.actions.length).toBeGreaterThan(0);
    expect(actions.actions.every((a) => a.by === null)).toBe(true);
    expect((await acting(oscar.client)).accounts.map((a) => a.ownerName)).toEqual(['Eve Other']);
  });
});
