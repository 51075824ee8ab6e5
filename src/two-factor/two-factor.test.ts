import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified } from '../../test/auth-helpers.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { sessionCookieNames } from '../auth/session-cookies.js';
import { enrolOverApi, problemCode, recoveryCodesFromPage, secretFromPage, TestAuthenticator } from './two-factor.test-helpers.js';

describe.each(databaseKinds)('Two-factor sign-in for customers (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  const templates = async (subjectId: string) => (await readOutbox(t, subjectId)).map((m) => m.template);

  it('enrols through the pages, then sign-in waits for the code and refuses it a second time', async () => {
    const client = t.client();
    const account = await signUpVerified(t, client);
    const off = await client.get('/account/security/two-factor');
    expect(off.status).toBe(200);
    expect(await off.text()).toContain('Two-factor sign-in is off.');

    const started = await client.postForm('/account/security/two-factor/start', {});
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe('/account/security/two-factor');
    const pending = await (await client.get('/account/security/two-factor')).text();
    expect(pending).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code/);
    const authenticator = new TestAuthenticator(secretFromPage(pending));
    const row = await t.app.deps.db.selectFrom('accounts').select(['totp_secret_enc', 'totp_enabled_at']).where('id', '=', account.accountId).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBeNull();
    expect(row.totp_secret_enc?.toString('latin1')).not.toContain(authenticator.secret);

    const wrong = await client.postForm('/account/security/two-factor/confirm', { code: '12345' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The code is not valid');
    const confirmed = await client.postForm('/account/security/two-factor/confirm', { code: await authenticator.code() });
    expect(confirmed.status).toBe(200);
    const codes = recoveryCodesFromPage(await confirmed.text());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.app.deps.db.selectFrom('recovery_codes').select('code_hash').where('principal_id', '=', account.accountId).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
    expect(await templates(account.subjectId)).toContain('account.two_factor_enabled');

    expect((await client.postForm('/sign-out', {})).status).toBeLessThan(400);
    expect(client.cookies.has(sessionCookieNames.account)).toBe(false);
    const signedIn = await signIn(client, account.email, account.password);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toMatch(/^\/sign-in\/second-factor\?next=/);
    const blocked = await client.request('GET', '/api/v1/account', { headers: { accept: 'application/json' } });
    expect(blocked.status).toBe(401);
    expect(await problemCode(blocked)).toBe('SECOND_FACTOR_REQUIRED');
    const page = await client.get('/account');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in/second-factor?next=%2Faccount');
    expect((await client.get('/sign-in/second-factor?next=%2Faccount')).status).toBe(200);

    const passed = await client.postForm('/sign-in/second-factor', { code: await authenticator.code(), next: '/account/sessions' });
    expect(passed.status).toBe(303);
    expect(passed.headers.get('location')).toBe('/account/sessions');
    expect((await client.request('GET', '/api/v1/account', { headers: { accept: 'application/json' } })).status).toBe(200);

    const other = t.client();
    expect((await signIn(other, account.email, account.password)).status).toBe(303);
    const replay = await other.postForm('/sign-in/second-factor', { code: authenticator.usedCode(), next: '//evil.example' });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('The code is not valid');
    const offsite = await other.postForm('/sign-in/second-factor', { code: await authenticator.code(), next: '//evil.example' });
    expect(offsite.status).toBe(303);
    expect(offsite.headers.get('location')).toBe('/account');
  });

  it('accepts each recovery code once, over the API', async () => {
    const client = t.client();
    const account = await signUpVerified(t, client);
    const { recoveryCodes } = await enrolOverApi(client);
    expect((await client.api('DELETE', '/api/v1/session')).status).toBeLessThan(300);

    const first = t.client();
    const session = await first.api('POST', '/api/v1/session', { email: account.email, password: account.password });
    expect(await session.json()).toMatchObject({ secondFactorRequired: true });
    const code = recoveryCodes[0]!;
    expect((await first.api('POST', '/api/v1/session/second-factor', { code: code.toLowerCase().replace('-', ' ') })).status).toBe(204);
    expect((await first.request('GET', '/api/v1/account', { headers: { accept: 'application/json' } })).status).toBe(200);

    const second = t.client();
    await second.api('POST', '/api/v1/session', { email: account.email, password: account.password });
    const reused = await second.api('POST', '/api/v1/session/second-factor', { code });
    expect(reused.status).toBe(401);
    expect(await problemCode(reused)).toBe('SECOND_FACTOR_INVALID');
    expect((await second.api('POST', '/api/v1/session/second-factor', { code: recoveryCodes[1]! })).status).toBe(204);
    const status = await (await second.api('GET', '/api/v1/account/two-factor')).json();
    expect(status).toMatchObject({ enabled: true, pending: false, unusedRecoveryCodes: 8 });
  });

  it('locks the account and revokes the pending session after too many wrong codes', async () => {
    const client = t.client();
    const account = await signUpVerified(t, client);
    await enrolOverApi(client);
    await client.api('DELETE', '/api/v1/session');
    const attacker = t.client();
    await attacker.api('POST', '/api/v1/session', { email: account.email, password: account.password });
    const token = attacker.cookies.get(sessionCookieNames.account)!;
    const limit = t.config.signInLock.after;
    for (let i = 1; i < limit; i++) {
      const wrong = await attacker.api('POST', '/api/v1/session/second-factor', { code: 'AAAAA-BBBBB' });
      expect(wrong.status).toBe(401);
    }
    const last = await attacker.api('POST', '/api/v1/session/second-factor', { code: 'AAAAA-BBBBB' });
    expect(last.status).toBe(423);
    expect(await problemCode(last)).toBe('ACCOUNT_LOCKED');
    attacker.cookies.set(sessionCookieNames.account, token);
    const revoked = await attacker.request('GET', '/api/v1/account', { headers: { accept: 'application/json' } });
    expect(await problemCode(revoked)).toBe('UNAUTHENTICATED');
    expect((await t.client().api('POST', '/api/v1/session', { email: account.email, password: account.password })).status).toBe(423);
    expect(await templates(account.subjectId)).toContain('account.second_factor_locked');
    const events = await t.app.deps.db.selectFrom('sign_in_events').select('outcome').where('principal_id', '=', account.accountId).where('outcome', '=', 'second_factor_failed').execute();
    expect(events).toHaveLength(limit);
  });

  it('turns two-factor off only with the current password, and regenerates codes only with a current code', async () => {
    const client = t.client();
    const account = await signUpVerified(t, client);
    const { authenticator, recoveryCodes } = await enrolOverApi(client);
    const badCode = await client.api('POST', '/api/v1/account/two-factor/recovery-codes', { code: authenticator.usedCode() });
    expect(badCode.status).toBe(400);
    const regenerated = await client.api('POST', '/api/v1/account/two-factor/recovery-codes', { code: await authenticator.code() });
    const fresh = ((await regenerated.json()) as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);

    const wrongApi = await client.api('DELETE', '/api/v1/account/two-factor', { password: 'not my password at all' });
    expect(wrongApi.status).toBe(400);
    const wrongPage = await client.postForm('/account/security/two-factor/disable', { password: 'not my password at all' });
    expect(wrongPage.status).toBe(400);
    expect(await wrongPage.text()).toContain('The password is not correct.');
    expect(await (await client.api('GET', '/api/v1/account/two-factor')).json()).toMatchObject({ enabled: true });

    const disabled = await client.postForm('/account/security/two-factor/disable', { password: account.password });
    expect(disabled.status).toBe(303);
    expect(await (await client.api('GET', '/api/v1/account/two-factor')).json()).toMatchObject({ enabled: false, pending: false });
    expect(await t.app.deps.db.selectFrom('recovery_codes').select('id').where('principal_id', '=', account.accountId).execute()).toHaveLength(0);
    expect(await templates(account.subjectId)).toContain('account.two_factor_disabled');
    const actions = await t.app.deps.db.selectFrom('audit_events').select('action').where('subject_id', '=', account.subjectId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['account.two_factor_enabled', 'account.recovery_codes_regenerated', 'account.two_factor_disabled']));
  });

  it('refuses bad input and strangers', async () => {
    expect(await problemCode(await t.client().request('GET', '/api/v1/account/two-factor', { headers: { accept: 'application/json' } }))).toBe('UNAUTHENTICATED');
    const client = t.client();
    await signUpVerified(t, client);
    expect((await client.api('POST', '/api/v1/account/two-factor/confirm', { code: 'x'.repeat(200) })).status).toBe(400);
    expect((await client.api('POST', '/api/v1/account/two-factor/confirm', { code: '123456' })).status).toBe(409);
    expect((await client.api('DELETE', '/api/v1/account/two-factor', {})).status).toBe(400);
    const empty = await client.postForm('/account/security/two-factor/confirm', { code: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('error-summary');
  });
});
