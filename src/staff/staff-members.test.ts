import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import type { HttpClient } from '../../test/http-client.js';
import { systemContext } from '../context/request-context.js';
import { createStaffMember } from './create-staff-member.js';
import { setRequireTwoFactor } from './set-require-two-factor.js';
import { createTestStaff, signInStaffApi, signInStaffPage, type TestStaff } from './staff.test-helpers.js';

describe.each(databaseKinds)('staff management (%s)', (kind) => {
  let t: TestApp;
  let owner: TestStaff;
  let ownerClient: HttpClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await createTestStaff(t, 'owner');
    ownerClient = t.client();
    await signInStaffApi(ownerClient, owner);
  });
  afterAll(async () => t.close());

  const member = async (id: string) => t.app.deps.db.selectFrom('staff_members').select(['role', 'status']).where('id', '=', id).executeTakeFirstOrThrow();

  it('never demotes or disables the last active owner, on the page or the API', async () => {
    const demote = await ownerClient.api('PATCH', `/api/v1/staff/members/${owner.staffId}`, { role: 'auditor' });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ code: 'CONFLICT' });
    const disable = await ownerClient.api('PATCH', `/api/v1/staff/members/${owner.staffId}`, { status: 'disabled' });
    expect(disable.status).toBe(409);
    const page = await ownerClient.postForm(`/console/staff/${owner.staffId}/role`, { role: 'support' });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('The last active owner');
    expect(await member(owner.staffId)).toEqual({ role: 'owner', status: 'active' });

    const second = await createTestStaff(t, 'owner');
    const demoted = await ownerClient.api('PATCH', `/api/v1/staff/members/${second.staffId}`, { role: 'billing' });
    expect(demoted.status).toBe(200);
    expect(await demoted.json()).toMatchObject({ member: { id: second.staffId, role: 'billing', status: 'active' } });
    const disabledOwner = await createTestStaff(t, 'owner');
    expect((await ownerClient.api('PATCH', `/api/v1/staff/members/${disabledOwner.staffId}`, { status: 'disabled' })).status).toBe(200);
    expect((await ownerClient.api('PATCH', `/api/v1/staff/members/${owner.staffId}`, { role: 'auditor' })).status).toBe(409);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_id', 'details']).where('action', '=', 'staff.role_changed').execute();
    expect(audit).toEqual([{ actor_id: owner.staffId, details: { staffId: second.staffId, from: 'owner', to: 'billing' } }]);
  });

  it('answers bad input and unknown members with 4xx', async () => {
    expect((await ownerClient.api('PATCH', `/api/v1/staff/members/${owner.staffId}`, {})).status).toBe(400);
    expect((await ownerClient.api('PATCH', `/api/v1/staff/members/${owner.staffId}`, { role: 'emperor' })).status).toBe(400);
    expect((await ownerClient.api('PATCH', '/api/v1/staff/members/not-a-uuid', { role: 'support' })).status).toBe(400);
    expect((await ownerClient.api('PATCH', '/api/v1/staff/members/00000000-0000-4000-8000-000000000000', { role: 'support' })).status).toBe(404);
    expect((await ownerClient.postForm('/console/staff/00000000-0000-4000-8000-000000000000/status', { status: 'disabled' })).status).toBe(404);
    const badInvite = await ownerClient.postForm('/console/staff', { email: 'nope', displayName: '', role: 'support' });
    expect(badInvite.status).toBe(400);
    const badPage = await badInvite.text();
    expect(badPage).toContain('href="#field-email"');
    expect(badPage).toContain('Enter an email address, like name@example.com');
    expect(badPage).toContain('Enter a name of up to 100 characters');
  });

  it('ends every session of a disabled member at once, and lets them back when enabled', async () => {
    const support = await createTestStaff(t, 'support');
    const laptop = t.client();
    const phone = t.client();
    await signInStaffApi(laptop, support);
    await signInStaffApi(phone, support);
    expect((await laptop.api('GET', '/api/v1/staff/me')).status).toBe(200);

    const disabled = await ownerClient.postForm(`/console/staff/${support.staffId}/status`, { status: 'disabled' });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get('location')).toBe('/console/staff?done=status');
    expect((await laptop.api('GET', '/api/v1/staff/me')).status).toBe(401);
    expect((await phone.get('/console')).status).toBe(303);
    const live = await t.app.deps.db.selectFrom('sessions').select('id').where('principal_id', '=', support.staffId).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
    const retry = await t.client().api('POST', '/api/v1/staff/session', { email: support.email, password: support.password });
    expect(retry.status).toBe(401);

    expect((await ownerClient.api('PATCH', `/api/v1/staff/members/${support.staffId}`, { status: 'active' })).status).toBe(200);
    await signInStaffApi(t.client(), support);
    const list = await (await ownerClient.get('/console/staff')).text();
    expect(list).toContain(support.email);
  });

  it('invites without a password: the emailed link sets the password once, then sign-in works', async () => {
    const email = `invitee-${Date.now()}@staff.test`;
    const invited = await ownerClient.postForm('/console/staff', { email, displayName: 'Ines Invitee', role: 'billing' });
    expect(invited.status).toBe(303);
    expect(invited.headers.get('location')).toBe('/console/staff?done=invited');
    const row = await t.app.deps.db.selectFrom('staff_members').select(['id', 'subject_id', 'password_hash', 'role', 'email_enc']).where('email_lookup', '=', t.app.deps.keyring.emailLookup(email)).executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
    expect(row.role).toBe('billing');
    expect(row.email_enc.toString('utf8')).not.toContain('invitee');
    const list = await (await ownerClient.get('/console/staff?done=invited')).text();
    expect(list).toContain('The invitation has been sent.');
    expect(list).toContain('Ines Invitee');
    expect(list).toContain('Setup pending');

    const mails = await readOutbox(t, row.subject_id);
    expect(mails.map((m) => [m.template, m.messageClass, m.to])).toEqual([['staff.setup_link', 'service', email]]);
    const setupPath = pathOf(findLink(mails[0]!, '/console/setup'));
    const invitee = t.client();
    expect((await invitee.api('POST', '/api/v1/staff/session', { email, password: 'anything at all here' })).status).toBe(401);
    const form = await invitee.get(setupPath);
    expect(form.status).toBe(200);
    const token = new URL(setupPath, t.baseUrl).searchParams.get('token')!;
    expect(await form.text()).toContain(`value="${token}"`);
    expect((await invitee.postForm('/console/setup', { token, password: 'short' })).status).toBe(400);
    const set = await invitee.postForm('/console/setup', { token, password: 'a very long new password' });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/console/sign-in?done=setup');
    const again = await invitee.postForm('/console/setup', { token, password: 'another long password' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('invalid, has expired or was already used');
    const signedIn = await signInStaffPage(invitee, { email, password: 'a very long new password' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/console');

    const taken = await ownerClient.api('POST', '/api/v1/staff/members', { email: email.toUpperCase(), displayName: 'Dup', role: 'support' });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    const takenPage = await ownerClient.postForm('/console/staff', { email, displayName: 'Dup', role: 'support' });
    expect(takenPage.status).toBe(409);
  });

  it('returns the setup link to the CLI and creates members through the API', async () => {
    const created = await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email: 'cli@staff.test', displayName: 'Cli', role: 'auditor' });
    expect(created.setupLink).toMatch(new RegExp(`^${t.config.http.publicUrl}/console/setup\\?token=[A-Za-z0-9_-]{43}$`));
    const viaApi = await ownerClient.api('POST', '/api/v1/staff/members', { email: 'api@staff.test', displayName: 'Api', role: 'support', password: 'a long enough password' });
    expect(viaApi.status).toBe(201);
    expect(await viaApi.json()).toMatchObject({ member: { email: 'api@staff.test', displayName: 'Api', role: 'support', setupPending: false }, setupLinkEmailed: false });
    await signInStaffApi(t.client(), { email: 'api@staff.test', password: 'a long enough password' });
    expect((await ownerClient.api('POST', '/api/v1/staff/members', { email: 'weak@staff.test', displayName: 'W', role: 'support', password: 'short' })).status).toBe(400);
    await expect(createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email: 'not an email', displayName: ' ', role: 'auditor' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email: 'weak@staff.test', displayName: 'W', role: 'auditor', password: 'short' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('with two-factor required, sends members without it to enrol, and the API answers SECOND_FACTOR_REQUIRED', async () => {
    const billing = await createTestStaff(t, 'billing');
    const enrolled = await createTestStaff(t, 'auditor');
    await t.app.deps.db.updateTable('staff_members').set({ totp_enabled_at: new Date() }).where('id', '=', enrolled.staffId).execute();
    expect((await ownerClient.api('PUT', '/api/v1/staff/settings/require-two-factor', { required: 'yes' })).status).toBe(400);
    // An owner without two-factor would lock themselves out, so the switch is refused until they enrol.
    const refused = await ownerClient.api('PUT', '/api/v1/staff/settings/require-two-factor', { required: true });
    expect(refused.status).toBe(409);
    await t.app.deps.db.updateTable('staff_members').set({ totp_enabled_at: new Date() }).where('id', '=', owner.staffId).execute();
    const required = await ownerClient.api('PUT', '/api/v1/staff/settings/require-two-factor', { required: true });
    expect(required.status).toBe(200);
    try {
      const browser = t.client();
      const page = await signInStaffPage(browser, billing, '/console/audit');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/console/security/two-factor');
      const shell = await browser.get('/console');
      expect(shell.status).toBe(303);
      expect(shell.headers.get('location')).toBe('/console/security/two-factor');
      const api = t.client();
      expect(await signInStaffApi(api, billing)).toMatchObject({ secondFactorPending: false, mustEnrolSecondFactor: true });
      const me = await api.api('GET', '/api/v1/staff/me');
      expect(me.status).toBe(401);
      expect(await me.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });

      const withTotp = await signInStaffPage(t.client(), enrolled, '/console/audit');
      expect(withTotp.headers.get('location')).toBe('/console/sign-in/second-factor?next=%2Fconsole%2Faudit');
      // The owner, enrolled before switching it on, keeps the console.
      expect((await ownerClient.api('GET', '/api/v1/staff/me')).status).toBe(200);
    } finally {
      await setRequireTwoFactor(t.app.deps, systemContext('dpv:ServiceSecurity'), false);
    }
    const after = t.client();
    await signInStaffApi(after, billing);
    expect((await after.api('GET', '/api/v1/staff/me')).status).toBe(200);
  });
});
