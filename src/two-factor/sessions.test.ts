import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified } from '../../test/auth-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import type { HttpClient } from '../../test/http-client.js';
import { problemCode } from './two-factor.test-helpers.js';

interface SessionJson { id: string; current: boolean; device: string | null; network: string | null }

describe.each(databaseKinds)('Sessions and recent sign-ins (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  const sessionsOf = async (client: HttpClient) => ((await (await client.api('GET', '/api/v1/account/sessions')).json()) as { sessions: SessionJson[] }).sessions;
  const accountStatus = async (client: HttpClient) => (await client.request('GET', '/api/v1/account', { headers: { accept: 'application/json' } })).status;

  it('another account cannot revoke my session: 404 and my session still works', async () => {
    const mine = t.client();
    await signUpVerified(t, mine);
    const [session] = await sessionsOf(mine);
    expect(session).toMatchObject({ current: true });
    const stranger = t.client();
    await signUpVerified(t, stranger);
    expect((await sessionsOf(stranger)).map((s) => s.id)).not.toContain(session!.id);

    const api = await stranger.api('DELETE', `/api/v1/account/sessions/${session!.id}`);
    expect(api.status).toBe(404);
    expect(await problemCode(api)).toBe('NOT_FOUND');
    expect((await stranger.postForm(`/account/sessions/${session!.id}/revoke`, {})).status).toBe(404);
    expect((await stranger.postForm('/console/security/sessions/revoke-others', {})).status).toBe(401);
    expect(await accountStatus(mine)).toBe(200);
    const revokedRows = await t.app.deps.db.selectFrom('sessions').select('id').where('id', '=', session!.id).where('revoked_at', 'is not', null).execute();
    expect(revokedRows).toHaveLength(0);
    expect((await stranger.api('DELETE', '/api/v1/account/sessions/not-a-uuid')).status).toBe(400);
  });

  it('revoking a session makes its cookie useless; "everywhere else" keeps only this one', async () => {
    const main = t.client();
    const account = await signUpVerified(t, main);
    const laptop = t.client();
    expect((await signIn(laptop, account.email, account.password)).status).toBe(303);
    const phone = t.client();
    await phone.request('POST', '/api/v1/session', { json: { email: account.email, password: account.password }, headers: { 'x-csrf-token': await phone.csrfToken(), 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36' } });

    const page = await main.get('/account/sessions');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('This device');
    expect(html).toContain('Chrome on Android');
    expect(html).toMatch(/127\.0\.0\.0\/24/);
    expect(html).toContain('Sign out everywhere else');

    const laptopSession = (await sessionsOf(laptop)).find((s) => s.current)!;
    const revoked = await main.postForm(`/account/sessions/${laptopSession.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/account/sessions?done=revoked');
    expect(await accountStatus(laptop)).toBe(401);
    expect(await accountStatus(phone)).toBe(200);

    expect((await main.postForm('/account/sessions/revoke-others', {})).status).toBe(303);
    expect(await accountStatus(phone)).toBe(401);
    expect(await accountStatus(main)).toBe(200);
    expect(await sessionsOf(main)).toHaveLength(1);

    const own = (await sessionsOf(main))[0]!;
    expect((await main.api('DELETE', `/api/v1/account/sessions/${own.id}`)).status).toBe(204);
    expect(await accountStatus(main)).toBe(401);
    const actions = await t.app.deps.db.selectFrom('audit_events').select('action').where('subject_id', '=', account.subjectId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['account.session_revoked', 'account.other_sessions_revoked']));
  });

  it('lists recent sign-ins with successes and failures', async () => {
    const client = t.client();
    const account = await signUpVerified(t, client);
    const other = t.client();
    expect((await signIn(other, account.email, 'definitely the wrong password')).status).toBeGreaterThanOrEqual(400);
    expect((await signIn(other, account.email, account.password)).status).toBe(303);

    const api = (await (await client.api('GET', '/api/v1/account/sign-ins')).json()) as { signIns: Array<{ outcome: string; network: string | null; occurredAt: string }> };
    expect(api.signIns.map((e) => e.outcome)).toEqual(expect.arrayContaining(['bad_password', 'success']));
    expect(api.signIns[0]).toMatchObject({ outcome: 'success', network: '127.0.0.0/24' });
    const page = await client.get('/account/sign-ins');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Wrong password');
    expect(html).toContain('Password accepted');
    expect((await t.client().get('/account/sign-ins')).status).toBe(303);
  });
});
