import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified, uniqueEmail } from '../../test/auth-helpers.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

const signUpForm = (email: string, extra: Record<string, string> = {}) => ({
  email, firstName: 'Grace', lastName: 'Hopper', password: 'a long enough password', country: '', minimumAgeConfirmed: 'yes', ...extra,
});

describe.each(databaseKinds)('customer account lifecycle (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { CUSTODIAN_MINIMUM_AGE_BY_COUNTRY: 'US:13,DE:16' });
  });
  afterAll(async () => t.close());

  const accountByEmail = (email: string) =>
    t.app.deps.db.selectFrom('accounts').selectAll().where('email_lookup', '=', t.app.deps.keyring.emailLookup(email)).executeTakeFirst();

  async function verificationPath(subjectId: string): Promise<string> {
    const message = (await readOutbox(t, subjectId)).find((m) => m.template === 'account.verify_email');
    expect(message?.messageClass).toBe('service');
    return pathOf(findLink(message!, '/verify-email'));
  }

  it('signs up, verifies by the emailed link, signs in, shows the account and signs out', async () => {
    const client = t.client();
    const form = await client.get('/sign-up');
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('I confirm I am at least 16');
    expect(formHtml).toContain('autocomplete="new-password"');

    const email = uniqueEmail();
    const created = await client.postForm('/sign-up', signUpForm(email));
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/verify-email/pending');
    expect(client.cookies.has('custodian_session')).toBe(true);

    const pending = await client.get('/verify-email/pending');
    expect(pending.status).toBe(200);
    expect(await pending.text()).toContain('action="/verify-email/resend"');
    const beforeVerification = await client.get('/account');
    expect(beforeVerification.status).toBe(303);
    expect(beforeVerification.headers.get('location')).toBe('/verify-email/pending');

    const account = (await accountByEmail(email))!;
    expect(account.email_verified_at).toBeNull();
    const [message] = await readOutbox(t, account.subject_id);
    expect(message!.to).toBe(email);
    const link = findLink(message!, '/verify-email');
    expect(link.startsWith(`${t.config.http.publicUrl}/verify-email?token=`)).toBe(true);

    const verified = await client.get(pathOf(link));
    expect(verified.status).toBe(200);
    expect((await accountByEmail(email))!.email_verified_at).not.toBeNull();
    const reused = await client.get(pathOf(link));
    expect(reused.status).toBe(400);

    const overview = await client.get('/account');
    expect(overview.status).toBe(200);
    const overviewHtml = await overview.text();
    expect(overviewHtml).toContain('Hello Grace');
    expect(overviewHtml).toContain(email);
    expect(overviewHtml).toContain('href="/account/sessions"');
    expect(overviewHtml).toContain('action="/sign-out"');

    const signedOut = await client.postForm('/sign-out', {});
    expect(signedOut.status).toBe(200);
    expect(client.cookies.has('custodian_session')).toBe(false);
    const afterSignOut = await client.get('/account');
    expect(afterSignOut.status).toBe(303);
    expect(afterSignOut.headers.get('location')).toBe('/sign-in?next=%2Faccount');

    const signedIn = await signIn(client, email, 'a long enough password');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/account');
    expect((await client.get('/account')).status).toBe(200);
  });

  it('sends a signed-in but unverified customer to the pending page, and resends the link', async () => {
    const client = t.client();
    const email = uniqueEmail();
    await client.postForm('/sign-up', signUpForm(email));
    await client.postForm('/sign-out', {});
    const signedIn = await signIn(client, email, 'a long enough password');
    expect(signedIn.headers.get('location')).toBe('/verify-email/pending');
    const resent = await client.postForm('/verify-email/resend', {});
    expect(resent.status).toBe(200);
    const account = (await accountByEmail(email))!;
    const verifications = (await readOutbox(t, account.subject_id)).filter((m) => m.template === 'account.verify_email');
    expect(verifications).toHaveLength(2);
    expect(findLink(verifications[1]!, '/verify-email')).not.toBe(findLink(verifications[0]!, '/verify-email'));
  });

  it('follows only a safe relative next after sign-in', async () => {
    const client = t.client();
    const { email, password } = await signUpVerified(t, client);
    const cases: Array<[string, string]> = [['/account/security/password', '/account/security/password'], ['//evil.example/x', '/account'], ['https://evil.example/', '/account'], ['/\\evil.example', '/account']];
    for (const [next, expected] of cases) {
      const response = await client.postForm('/sign-in', { email, password, next });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(expected);
    }
    const form = await t.client().get('/sign-in?next=%2F%2Fevil.example');
    // The sign-in form must not carry the unsafe target on (the cookie banner's own return path
    // is this page's URL, a same-origin path, and is checked by the cookie-consent tests).
    const signInForm = /<form method="post" action="\/sign-in"[\s\S]*?<\/form>/.exec(await form.text())?.[0] ?? '';
    expect(signInForm).toContain('name="email"');
    expect(signInForm).not.toContain('evil.example');
  });

  it('sends a customer with two-step sign-in to the second factor, keeping next', async () => {
    const { email, password, accountId } = await signUpVerified(t, t.client());
    await t.app.deps.db.updateTable('accounts').set({ totp_enabled_at: new Date() }).where('id', '=', accountId).execute();
    const client = t.client();
    const response = await client.postForm('/sign-in', { email, password, next: '/account/sessions' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in/second-factor?next=%2Faccount%2Fsessions');
    const blocked = await client.get('/account');
    expect(blocked.headers.get('location')).toBe('/sign-in/second-factor?next=%2Faccount');
  });

  it('answers a wrong password and an unknown email with the same generic error', async () => {
    const { email } = await signUpVerified(t, t.client());
    const wrongPassword = await signIn(t.client(), email, 'not the right password');
    const unknownEmail = await signIn(t.client(), uniqueEmail(), 'not the right password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const [a, b] = [await wrongPassword.text(), await unknownEmail.text()];
    expect(a).toContain('The email address or password is not correct.');
    expect(b).toContain('The email address or password is not correct.');
  });

  it('offers the same flows over the JSON API', async () => {
    const client = t.client();
    const email = uniqueEmail('api');
    const created = await client.api('POST', '/api/v1/accounts', { email, firstName: 'Alan', lastName: 'Turing', password: 'another long password', country: 'de', minimumAgeConfirmed: true });
    expect(created.status).toBe(202);
    expect(await created.json()).toEqual({ status: 'verification_pending' });
    const unverified = await client.api('GET', '/api/v1/account');
    expect(unverified.status).toBe(403);
    expect(await unverified.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });

    const account = (await accountByEmail(email))!;
    expect(account.country).toBe('DE');
    expect((await client.get(await verificationPath(account.subject_id))).status).toBe(200);
    const me = await client.api('GET', '/api/v1/account');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ id: account.id, email, firstName: 'Alan', lastName: 'Turing', country: 'DE', locale: 'en', emailVerified: true, twoFactorEnabled: false, dataResidency: null });

    const other = t.client();
    const session = await other.api('POST', '/api/v1/session', { email, password: 'another long password' });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ accountId: account.id, secondFactorRequired: false, emailVerified: true });
    expect((await other.api('DELETE', '/api/v1/session')).status).toBe(204);
    const afterSignOut = await other.api('GET', '/api/v1/account');
    expect(afterSignOut.status).toBe(401);
    expect((await client.api('GET', '/api/v1/account')).status).toBe(200);

    const wrong = await t.client().api('POST', '/api/v1/session', { email, password: 'wrong password here' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
  });

  it('shows each customer only their own account', async () => {
    const alice = t.client();
    const bob = t.client();
    const a = await signUpVerified(t, alice, { firstName: 'Alice' });
    const b = await signUpVerified(t, bob, { firstName: 'Bob' });
    expect(await (await alice.api('GET', '/api/v1/account')).json()).toMatchObject({ id: a.accountId, firstName: 'Alice' });
    expect(await (await bob.api('GET', '/api/v1/account')).json()).toMatchObject({ id: b.accountId, firstName: 'Bob' });
    expect(await (await bob.get('/account')).text()).not.toContain('Alice');
  });

  it('answers a sign-up with a registered address exactly like a new one and tells the owner', async () => {
    const owner = await signUpVerified(t, t.client());
    const attacker = t.client();
    const fresh = t.client();
    const duplicate = await attacker.postForm('/sign-up', signUpForm(owner.email, { password: 'attacker password 123' }));
    const brandNew = await fresh.postForm('/sign-up', signUpForm(uniqueEmail()));
    expect(duplicate.status).toBe(brandNew.status);
    expect(duplicate.headers.get('location')).toBe(brandNew.headers.get('location'));
    expect([...attacker.cookies.keys()].sort()).toEqual([...fresh.cookies.keys()].sort());
    const pendingDuplicate = await attacker.get('/verify-email/pending');
    expect(pendingDuplicate.status).toBe(200);
    expect(await pendingDuplicate.text()).toContain('We sent a link to your email address');

    const apiDuplicate = await t.client().api('POST', '/api/v1/accounts', { email: owner.email.toUpperCase(), firstName: 'X', lastName: 'Y', password: 'attacker password 123', minimumAgeConfirmed: true });
    expect(apiDuplicate.status).toBe(202);
    expect(await apiDuplicate.json()).toEqual({ status: 'verification_pending' });

    const notices = (await readOutbox(t, owner.subjectId)).filter((m) => m.template === 'account.sign_up_with_existing_address');
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ to: owner.email, messageClass: 'service' });
    expect(notices[0]!.text).toContain('Someone tried to create a new account with your email address');
    const count = await t.app.deps.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).where('email_lookup', '=', t.app.deps.keyring.emailLookup(owner.email)).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect((await signIn(t.client(), owner.email, 'attacker password 123')).status).toBe(401);
    expect((await signIn(t.client(), owner.email, owner.password)).status).toBe(303);
  });

  it('answers simultaneous sign-ups with one address alike and creates one account', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all([t.client(), t.client(), t.client()].map((c) => c.postForm('/sign-up', signUpForm(email))));
    expect(responses.map((r) => r.status)).toEqual([303, 303, 303]);
    const rows = await t.app.deps.db.selectFrom('accounts').select('id').where('email_lookup', '=', t.app.deps.keyring.emailLookup(email)).execute();
    expect(rows).toHaveLength(1);
  });

  it('requires confirming the minimum age of the chosen country', async () => {
    const client = t.client();
    expect(await (await client.get('/sign-up?country=US')).text()).toContain('I confirm I am at least 13');
    const email = uniqueEmail();
    const { minimumAgeConfirmed: _omitted, ...withoutBox } = signUpForm(email, { country: 'US' });
    const us = await client.postForm('/sign-up', withoutBox);
    expect(us.status).toBe(400);
    const usHtml = await us.text();
    expect(usHtml).toContain('Confirm that you are at least 13 to create an account');
    expect(usHtml).toContain('id="field-minimumAgeConfirmed" name="minimumAgeConfirmed" type="checkbox" value="yes" required aria-describedby="field-minimumAgeConfirmed-hint field-minimumAgeConfirmed-error" aria-invalid="true"');
    expect(usHtml).toContain(`value="${email}"`);
    const de = await client.postForm('/sign-up', { ...withoutBox, country: 'DE' });
    expect(de.status).toBe(400);
    expect(await de.text()).toContain('Confirm that you are at least 16 to create an account');

    const api = await client.api('POST', '/api/v1/accounts', { email, firstName: 'A', lastName: 'B', password: 'a long enough password', country: 'US', minimumAgeConfirmed: false });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ code: 'MINIMUM_AGE_NOT_MET', errors: [{ field: 'minimumAgeConfirmed', message: 'Confirm that you are at least 13 to create an account' }] });
    expect(await accountByEmail(email)).toBeUndefined();
  });

  it('rejects bad input with field errors', async () => {
    const client = t.client();
    const page = await client.postForm('/sign-up', signUpForm('not-an-email', { password: 'short', country: 'XX' }));
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).toContain('Enter an email address like name@example.com');
    expect(text).toContain('Use between 12 and 256 characters for the password');
    expect(text).toContain('Choose a country from the list');
    const api = await client.api('POST', '/api/v1/accounts', { email: 'x@example.test', firstName: '', lastName: 'B', password: 'p'.repeat(257), minimumAgeConfirmed: true });
    expect(api.status).toBe(400);
    const problem = (await api.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['firstName', 'password']);
    const signInPage = await client.postForm('/sign-in', { email: 'nope', password: '' });
    expect(signInPage.status).toBe(400);
  });

  it('refuses a sign-up form without its CSRF token', async () => {
    const client = t.client();
    await client.get('/sign-up');
    const response = await client.request('POST', '/sign-up', { form: signUpForm(uniqueEmail()), headers: { accept: 'text/html' } });
    expect(response.status).toBe(403);
  });

  it('sends anonymous visitors to sign-in and answers the API with 401 problem+json', async () => {
    const page = await t.client().get('/account');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Faccount');
    const api = await t.client().request('GET', '/api/v1/account', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(await api.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('documents its API routes in OpenAPI', async () => {
    const doc = (await (await t.client().request('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/accounts', '/api/v1/session', '/api/v1/account', '/api/v1/account/password', '/sign-up', '/sign-in']));
    expect(Object.keys(doc.paths['/api/v1/session']!).sort()).toEqual(['delete', 'post']);
  });

  it('stores email and names only as ciphertext and keeps them out of the audit trail', async () => {
    const email = uniqueEmail('sealed');
    const { subjectId } = await signUpVerified(t, t.client(), { email, firstName: 'Hedwig', lastName: 'Kiesler' });
    const row = (await accountByEmail(email))!;
    for (const [column, plain] of [[row.email_enc, email], [row.first_name_enc, 'Hedwig'], [row.last_name_enc, 'Kiesler']] as const) {
      expect(Buffer.isBuffer(column)).toBe(true);
      expect(column.includes(Buffer.from(plain, 'utf8'))).toBe(false);
    }
    const cipher = await t.app.deps.keyring.forSubject(t.app.deps.db, subjectId);
    expect(cipher.decrypt(row.email_enc, 'accounts.email_enc')).toBe(email);
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['action', 'details']).where('subject_id', '=', subjectId).execute();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['account.signed_up', 'email.queued', 'account.email_verified']));
    const serialised = JSON.stringify(audit);
    expect(serialised).not.toContain(email);
    expect(serialised).not.toContain('Hedwig');
  });
});

