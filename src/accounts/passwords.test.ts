import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified, uniqueEmail } from '../../test/auth-helpers.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

describe.each(databaseKinds)('passwords, lockout and limits (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { CUSTODIAN_SIGN_IN_LOCK_AFTER: '3' });
  });
  afterAll(async () => t.close());

  const emailsOf = async (subjectId: string, template: string) => (await readOutbox(t, subjectId)).filter((m) => m.template === template);

  it('locks sign-in after repeated failures, refuses even the right password and tells the owner', async () => {
    const { email, password, subjectId } = await signUpVerified(t, t.client());
    const attacker = t.client();
    expect((await signIn(attacker, email, 'wrong password one')).status).toBe(401);
    expect((await signIn(attacker, email, 'wrong password two')).status).toBe(401);
    const locking = await signIn(attacker, email, 'wrong password three');
    expect(locking.status).toBe(423);
    expect(Number(locking.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locking.text()).toContain('Sign-in is locked');

    const owner = t.client();
    const refused = await owner.api('POST', '/api/v1/session', { email, password });
    expect(refused.status).toBe(423);
    expect(await refused.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(owner.cookies.has('custodian_session')).toBe(false);

    const notices = await emailsOf(subjectId, 'account.sign_in_locked');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: email, messageClass: 'service' });
    expect(notices[0]!.text).toContain('If it was not you, reset your password');
    findLink(notices[0]!, '/forgot-password');
  });

  it('resets a forgotten password by the emailed link, which unlocks and signs out every session', async () => {
    const first = t.client();
    const { email, subjectId } = await signUpVerified(t, first);
    const second = t.client();
    expect((await first.get('/account')).status).toBe(200);
    for (const wrong of ['bad guess number 1', 'bad guess number 2', 'bad guess number 3']) await signIn(second, email, wrong);

    const unknown = await t.client().postForm('/forgot-password', { email: uniqueEmail() });
    const known = await t.client().postForm('/forgot-password', { email });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    const [unknownText, knownText] = [await unknown.text(), await known.text()];
    expect(knownText).toContain('If an account exists for that address');
    expect(unknownText.replace(/value="[^"]*"/g, '')).toBe(knownText.replace(/value="[^"]*"/g, ''));

    const [resetMail] = await emailsOf(subjectId, 'account.reset_password');
    const resetPath = pathOf(findLink(resetMail!, '/reset-password'));
    const form = await t.client().get(resetPath);
    expect(form.status).toBe(200);
    const token = new URL(resetPath, 'http://x').searchParams.get('token')!;
    expect(await form.text()).toContain(`name="token" value="${token}"`);

    const mismatch = await t.client().postForm('/reset-password', { token, password: 'brand new password 1', passwordConfirm: 'something else entirely' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords do not match');

    const reset = await t.client().postForm('/reset-password', { token, password: 'brand new password 1', passwordConfirm: 'brand new password 1' });
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain('Password changed');
    const again = await t.client().postForm('/reset-password', { token, password: 'brand new password 2', passwordConfirm: 'brand new password 2' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('The link is invalid or has expired');

    // The old session cookie no longer works, the lock is gone, and the owner was told.
    const stale = await first.get('/account');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/sign-in?next=%2Faccount');
    expect((await signIn(t.client(), email, 'brand new password 1')).status).toBe(303);
    const changed = await emailsOf(subjectId, 'account.password_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.messageClass).toBe('service');
  });

  it('changes the password with the current one and signs out the other sessions', async () => {
    const here = t.client();
    const { email, password, subjectId } = await signUpVerified(t, here);
    const elsewhere = t.client();
    expect((await signIn(elsewhere, email, password)).status).toBe(303);

    const form = await here.get('/account/security/password');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('autocomplete="current-password"');
    const wrongCurrent = await here.postForm('/account/security/password', { currentPassword: 'not my password', newPassword: 'a fresh password 42', newPasswordConfirm: 'a fresh password 42' });
    expect(wrongCurrent.status).toBe(400);
    expect(await wrongCurrent.text()).toContain('The current password is not correct');

    const changed = await here.postForm('/account/security/password', { currentPassword: password, newPassword: 'a fresh password 42', newPasswordConfirm: 'a fresh password 42' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Your password was changed');
    expect((await here.get('/account')).status).toBe(200);
    expect((await elsewhere.get('/account')).status).toBe(303);
    expect((await signIn(t.client(), email, password)).status).toBe(401);
    expect((await emailsOf(subjectId, 'account.password_changed'))).toHaveLength(1);

    const api = await here.api('POST', '/api/v1/account/password', { currentPassword: 'a fresh password 42', newPassword: 'the api password 42' });
    expect(api.status).toBe(204);
    const apiWrong = await here.api('POST', '/api/v1/account/password', { currentPassword: 'a fresh password 42', newPassword: 'the api password 43' });
    expect(apiWrong.status).toBe(400);
    expect(await apiWrong.json()).toMatchObject({ errors: [{ field: 'currentPassword' }] });
    const anonymous = await t.client().api('POST', '/api/v1/account/password', { currentPassword: 'x', newPassword: 'the api password 44' });
    expect(anonymous.status).toBe(401);
    expect((await signIn(t.client(), email, 'the api password 42')).status).toBe(303);
  });

  it('answers too many reset requests with 429 and Retry-After', async () => {
    const client = t.client();
    const email = uniqueEmail('limited');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.postForm('/forgot-password', { email })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await client.postForm('/forgot-password', { email });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many attempts');
    // Another address from the same network is counted separately.
    expect((await client.postForm('/forgot-password', { email: uniqueEmail('other') })).status).toBe(200);
  });

  it('limits API sign-in attempts per address and answers problem+json 429', async () => {
    const client = t.client();
    const email = uniqueEmail('guessed');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await client.api('POST', '/api/v1/session', { email, password: `guess number ${i}` })).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await client.api('POST', '/api/v1/session', { email, password: 'guess number 11' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
