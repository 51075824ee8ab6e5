import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../test/auth-helpers.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { sessionCookieNames } from '../auth/session-cookies.js';
import type { HttpClient } from '../../test/http-client.js';
import { createTestStaff, signInStaffApi, signInStaffPage, type TestStaff } from './staff.test-helpers.js';

describe.each(databaseKinds)('staff console access (%s)', (kind) => {
  let t: TestApp;
  let owner: TestStaff;
  let privacyOfficer: TestStaff;
  let support: TestStaff;
  let billing: TestStaff;
  let auditor: TestStaff;
  const clients: Record<string, HttpClient> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await createTestStaff(t, 'owner', 'Olga <Owner>');
    privacyOfficer = await createTestStaff(t, 'privacy_officer');
    support = await createTestStaff(t, 'support');
    billing = await createTestStaff(t, 'billing');
    auditor = await createTestStaff(t, 'auditor');
    for (const [name, member] of Object.entries({ owner, privacyOfficer, support, billing, auditor })) {
      clients[name] = t.client();
      await signInStaffApi(clients[name]!, member);
    }
  });
  afterAll(async () => t.close());

  it('signs in with the console form, records the sign-in and shows the role-based shell', async () => {
    const client = t.client();
    const response = await signInStaffPage(client, owner);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console');
    expect(client.cookies.has(sessionCookieNames.staff)).toBe(true);
    expect(client.cookies.has(sessionCookieNames.account)).toBe(false);
    const page = await client.get('/console');
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Welcome, Olga &lt;Owner&gt;.');
    expect(body).toContain('Your role: Owner');
    for (const href of ['/console/audit', '/console/staff', '/console/settings', '/console/security/two-factor']) expect(body).toContain(`href="${href}"`);
    const row = await t.app.deps.db.selectFrom('staff_members').select('last_sign_in_at').where('id', '=', owner.staffId).executeTakeFirstOrThrow();
    expect(row.last_sign_in_at).not.toBeNull();
  });

  it('builds the navigation from the role: support sees neither staff, settings nor the audit trail', async () => {
    const body = await (await clients.support!.get('/console')).text();
    expect(body).toContain('Your role: Support');
    expect(body).toContain('href="/console/security/two-factor"');
    for (const href of ['/console/audit', '/console/staff', '/console/settings']) expect(body).not.toContain(`href="${href}"`);
    const auditorBody = await (await clients.auditor!.get('/console')).text();
    expect(auditorBody).toContain('href="/console/audit"');
    expect(auditorBody).not.toContain('href="/console/settings"');
  });

  it('refuses support on staff and settings pages (403 page) and on the staff API (403 problem+json)', async () => {
    for (const path of ['/console/settings', '/console/staff']) {
      const page = await clients.support!.get(path);
      expect(page.status).toBe(403);
      expect(page.headers.get('content-type')).toContain('text/html');
    }
    const list = await clients.support!.api('GET', '/api/v1/staff/members');
    expect(list.status).toBe(403);
    expect(list.headers.get('content-type')).toContain('application/problem+json');
    expect(await list.json()).toMatchObject({ code: 'FORBIDDEN' });
    const invite = await clients.support!.api('POST', '/api/v1/staff/members', { email: 'x@staff.test', displayName: 'X', role: 'owner' });
    expect(invite.status).toBe(403);
    const promote = await clients.support!.api('PATCH', `/api/v1/staff/members/${support.staffId}`, { role: 'owner' });
    expect(promote.status).toBe(403);
    const billingList = await clients.billing!.api('GET', '/api/v1/staff/members');
    expect(billingList.status).toBe(403);
    expect((await clients.owner!.api('GET', '/api/v1/staff/members')).status).toBe(200);
  });

  it('lets the auditor and the privacy officer read the audit trail but not change settings', async () => {
    const page = await clients.auditor!.get('/console/audit');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('staff.created');
    expect((await clients.privacyOfficer!.get('/console/audit')).status).toBe(200);
    expect((await clients.support!.get('/console/audit')).status).toBe(403);
    const api = await clients.auditor!.api('GET', '/api/v1/staff/audit');
    expect(api.status).toBe(200);
    const put = await clients.auditor!.api('PUT', '/api/v1/staff/settings/require-two-factor', { required: true });
    expect(put.status).toBe(403);
    expect(await put.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await clients.auditor!.postForm('/console/settings/two-factor', { requireTwoFactor: 'yes' })).status).toBe(403);
    expect((await clients.privacyOfficer!.get('/console/settings')).status).toBe(403);
    const setting = await t.app.deps.db.selectFrom('settings').select('value').where('key', '=', 'staff.require_two_factor').executeTakeFirst();
    expect(setting?.value ?? false).toBe(false);
  });

  it('keeps customer and staff sessions apart', async () => {
    const customer = t.client();
    await signUpVerified(t, customer);
    const home = await customer.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/account');
    const consolePage = await customer.get('/console');
    expect(consolePage.status).toBe(303);
    expect(consolePage.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole');
    expect((await customer.api('GET', '/api/v1/staff/me')).status).toBe(401);

    const staffToken = clients.owner!.cookies.get(sessionCookieNames.staff)!;
    const smuggler = t.client();
    smuggler.cookies.set(sessionCookieNames.account, staffToken);
    expect((await smuggler.get('/')).status).toBe(200);
    expect((await smuggler.get('/console')).status).toBe(303);
    expect((await clients.owner!.get('/')).status).toBe(200);
    expect((await clients.owner!.api('GET', '/api/v1/staff/me')).status).toBe(200);
  });

  it('follows only safe console paths after sign-in and re-renders the form on failures', async () => {
    const good = await signInStaffPage(t.client(), auditor, '/console/audit?beforeSeq=5');
    expect(good.headers.get('location')).toBe('/console/audit?beforeSeq=5');
    for (const next of ['//evil.example/console', 'https://evil.example/console', '/console/../account', '/consolex', '/\\evil.example']) {
      const response = await signInStaffPage(t.client(), auditor, next);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/console');
    }
    const wrong = await signInStaffPage(t.client(), { email: auditor.email, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Email or password is incorrect');
    const invalid = await signInStaffPage(t.client(), { email: 'not-an-email', password: 'x' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('aria-invalid="true"');
    const apiWrong = await t.client().api('POST', '/api/v1/staff/session', { email: auditor.email, password: 'wrong password here' });
    expect(apiWrong.status).toBe(401);
    expect(await apiWrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((await t.client().api('POST', '/api/v1/staff/session', { email: auditor.email })).status).toBe(400);
  });

  it('lists audit entries newest first, pages by seq and filters by subject', async () => {
    const all = (await (await clients.auditor!.api('GET', '/api/v1/staff/audit')).json()) as { entries: Array<{ seq: number; subjectId: string | null; details: Record<string, unknown> }>; nextBeforeSeq: number | null };
    expect(all.entries.length).toBeGreaterThan(10);
    const seqs = all.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const middle = seqs[5]!;
    const older = (await (await clients.auditor!.api('GET', `/api/v1/staff/audit?beforeSeq=${middle}`)).json()) as typeof all;
    expect(older.entries[0]!.seq).toBe(middle - 1);
    const mine = (await (await clients.auditor!.api('GET', `/api/v1/staff/audit?subjectId=${support.subjectId}`)).json()) as typeof all;
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.subjectId === support.subjectId)).toBe(true);
    expect(JSON.stringify(mine.entries)).not.toContain(support.email);
    expect((await clients.auditor!.api('GET', '/api/v1/staff/audit?beforeSeq=abc')).status).toBe(400);
    expect((await clients.auditor!.api('GET', '/api/v1/staff/audit?subjectId=not-a-uuid')).status).toBe(400);
    const filtered = await clients.auditor!.get(`/console/audit?subjectId=${support.subjectId}&beforeSeq=`);
    expect(filtered.status).toBe(200);
    expect(await filtered.text()).toContain(support.subjectId);
    expect((await clients.auditor!.get('/console/audit?subjectId=<script>')).status).toBe(400);
  });

  it('verifies the audit chain on request, behind CSRF', async () => {
    const verified = await clients.auditor!.postForm('/console/audit/verify', {});
    expect(verified.status).toBe(200);
    expect(await verified.text()).toMatch(/The chain is intact: \d+ entries verified\./);
    const forged = await clients.auditor!.request('POST', '/console/audit/verify', { form: { _csrf: 'forged' }, headers: { accept: 'text/html' } });
    expect(forged.status).toBe(403);
    expect((await clients.support!.postForm('/console/audit/verify', {})).status).toBe(403);
  });

  it('lets the owner change the two-factor requirement on the settings page, audited', async () => {
    const page = await clients.owner!.get('/console/settings');
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('checked');
    const saved = await clients.owner!.postForm('/console/settings/two-factor', {});
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/console/settings?saved=1');
    expect((await clients.owner!.postForm('/console/settings/two-factor', { requireTwoFactor: 'maybe' })).status).toBe(400);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'details']).where('action', '=', 'settings.changed').execute();
    expect(audit).toEqual([{ actor_type: 'staff', actor_id: owner.staffId, details: { key: 'staff.require_two_factor', value: false } }]);
  });

  it('publishes the staff API in the OpenAPI document', async () => {
    const response = await t.client().request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/staff/session', '/api/v1/staff/members', '/api/v1/staff/members/{id}', '/api/v1/staff/me', '/api/v1/staff/audit', '/api/v1/staff/settings/require-two-factor']));
  });

  it('signs out on the page and through the API, ending the session', async () => {
    const client = t.client();
    await signInStaffApi(client, billing);
    const out = await client.postForm('/console/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/sign-in?done=signed-out');
    expect((await client.api('GET', '/api/v1/staff/me')).status).toBe(401);
    const apiClient = t.client();
    await signInStaffApi(apiClient, billing);
    const token = apiClient.cookies.get(sessionCookieNames.staff)!;
    expect((await apiClient.api('DELETE', '/api/v1/staff/session')).status).toBe(204);
    const replay = t.client();
    replay.cookies.set(sessionCookieNames.staff, token);
    expect((await replay.api('GET', '/api/v1/staff/me')).status).toBe(401);
  });
});
