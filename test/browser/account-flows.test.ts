import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TestAuthenticator } from '../../src/two-factor/two-factor.test-helpers.js';
import { findLink, pathOf, readOutbox } from '../outbox-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, expectHeading, signInThroughPage, useBrowserSession } from './browser-session.js';

/**
 * A customer's whole account journey in a real Chromium against the real server: sign-up, email
 * verification, sign-in, two-factor set-up, a second device, revoking it, sign-out. Every page is
 * checked with axe-core, and the browser console must stay free of errors (CSP violations are
 * reported there too).
 */
describe('account flows in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));

  /** The sign-up form re-rendered with errors is answered 400 on purpose; Chromium logs that status as a console error. */
  const rerenderedSignUp = { path: '/sign-up', status: 400 };

  function pathOfPage(page: Page): string {
    const url = new URL(page.url());
    return url.pathname + url.search;
  }

  it('signs up, verifies, enrols two-factor, manages a second device and signs out, accessibly and without console errors', async () => {
    const { t, watch } = session;
    const email = `browser-${randomUUID().slice(0, 12)}@example.test`;
    const password = `correct horse ${randomUUID().slice(0, 8)}`;
    const context = await watch.newContext();
    const page = await context.newPage();

    // The start page and the API documentation.
    await page.goto('/');
    await expectHeading(page, 'Your hosting account');
    await expectAccessible(page, 'start page');
    await page.goto('/api/docs');
    await expectHeading(page, 'API documentation');
    await expectAccessible(page, 'API documentation');

    // 1. Sign up.
    await page.goto('/');
    await page.getByRole('link', { name: 'Create account' }).click();
    await expectHeading(page, 'Create an account');
    await expectAccessible(page, 'sign-up');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Password', { exact: true }).fill(password);
    expect(await page.getByLabel('Country (optional)').inputValue()).toBe('');
    await page.getByLabel(/I confirm I am at least \d+/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/verify-email/pending');
    await expectHeading(page, 'Check your email');
    await expectAccessible(page, 'verification pending');

    // 2. The emailed link confirms the address.
    const account = await t.app.deps.db
      .selectFrom('accounts')
      .select('subject_id')
      .where('email_lookup', '=', t.app.deps.keyring.emailLookup(email))
      .executeTakeFirstOrThrow();
    const verification = (await readOutbox(t, account.subject_id)).filter((m) => m.template === 'account.verify_email').at(-1);
    expect(verification, 'a verification email is queued').toBeDefined();
    await page.goto(pathOf(findLink(verification!, '/verify-email')));
    await expectHeading(page, 'Email address confirmed');
    await page.getByRole('status').filter({ hasText: 'Your email address is confirmed.' }).waitFor();
    await expectAccessible(page, 'verification confirmed');

    // Sign-up signed this browser in; sign out so the sign-in below makes this device's only session.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectHeading(page, 'Sign in');
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();

    // 3. Sign in.
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in');
    await expectAccessible(page, 'sign-in');
    await signInThroughPage(page, email, password);
    await page.waitForURL('**/account');
    await expectHeading(page, 'Your account');
    await page.getByText('Hello Ada').waitFor();
    await expectAccessible(page, 'account overview');

    // 4. Two-factor: start, read the key shown as text, confirm with a code, see the recovery codes.
    await page.getByRole('main').getByRole('link', { name: 'Two-step sign-in' }).click();
    await page.waitForURL('**/account/security/two-factor');
    await expectHeading(page, 'Two-factor sign-in');
    await page.getByText('Two-factor sign-in is off.').waitFor();
    await expectAccessible(page, 'two-factor status (off)');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByText('Set-up has started but is not finished.').waitFor();
    await page.getByRole('img', { name: /QR code for your authenticator app/ }).waitFor();
    await expectAccessible(page, 'two-factor set-up');
    const keyText = await page.getByRole('listitem').filter({ hasText: 'Or type this key into the app:' }).locator('code').textContent();
    const secret = (keyText ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const authenticator = new TestAuthenticator(secret);
    await page.getByLabel('Code from your authenticator app').fill(await authenticator.code());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your recovery codes' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Two-factor sign-in is now on.' }).waitFor();
    const recoveryCodes = await page.getByRole('listitem').filter({ hasText: /^[A-Z0-9]{5}-[A-Z0-9]{5}$/ }).allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    await expectAccessible(page, 'recovery codes');
    await page.getByRole('link', { name: 'I have stored my recovery codes' }).click();
    await page.getByText('Two-factor sign-in is on.').waitFor();
    await expectAccessible(page, 'two-factor status (on)');

    // 5. The other device signs in with the password and a code from the authenticator.
    const otherContext = await watch.newContext();
    const other = await otherContext.newPage();
    await other.goto('/sign-in');
    await signInThroughPage(other, email, password);
    await other.waitForURL((url) => url.pathname === '/sign-in/second-factor' && url.searchParams.get('next') === '/account');
    await expectHeading(other, 'Enter your code');
    await expectAccessible(other, 'second factor');
    await other.getByLabel('Code from your authenticator app, or a recovery code').fill(await authenticator.code());
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.waitForURL('**/account');
    await expectHeading(other, 'Your account');

    // 6. The first device sees both sessions and signs the other one out.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
    await page.waitForURL('**/account/sessions');
    await expectHeading(page, 'Where you are signed in');
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    const sessionRows = sessions.getByRole('rowgroup').last().getByRole('row');
    expect(await sessionRows.count()).toBe(2);
    expect(await sessionRows.filter({ hasText: 'This device' }).count()).toBe(1);
    await expectAccessible(page, 'sessions');
    const revoke = sessions.getByRole('button', { name: /^Sign out / });
    expect(await revoke.count(), 'only the other device has a sign-out button').toBe(1);
    await revoke.click();
    await page.waitForURL((url) => url.pathname === '/account/sessions' && url.searchParams.get('done') === 'revoked');
    await page.getByRole('status').filter({ hasText: 'The session has been signed out.' }).waitFor();
    expect(await sessionRows.count()).toBe(1);
    await expectAccessible(page, 'sessions after revoking');

    await other.reload();
    await other.waitForURL((url) => url.pathname === '/sign-in');
    await expectHeading(other, 'Sign in');
    expect(pathOfPage(other)).toMatch(/^\/sign-in(\?|$)/);
    await otherContext.close();

    // Recent sign-ins list the password and second-factor steps.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign-ins' }).click();
    await page.waitForURL('**/account/sign-ins');
    await expectHeading(page, 'Recent sign-ins');
    await page.getByRole('table', { name: 'Sign-ins, newest first' }).getByRole('cell', { name: 'Two-factor code accepted' }).first().waitFor();
    await expectAccessible(page, 'sign-ins');

    // 7. Sign out.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await context.close();

    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 180_000);

  it('shows accessible sign-up errors without JavaScript: a summary linking to each field, and aria-invalid inputs', async () => {
    const { watch } = session;
    const context = await watch.newContext({ javaScriptEnabled: false, expectedErrorStatuses: [rerenderedSignUp] });
    const page = await context.newPage();
    await page.goto('/sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await summary.waitFor();

    const fields: [label: string | RegExp, name: string][] = [
      ['Email address', 'email'],
      ['First name', 'firstName'],
      ['Last name', 'lastName'],
      ['Password', 'password'],
      [/I confirm I am at least \d+/, 'minimumAgeConfirmed'],
    ];
    for (const [label, name] of fields) {
      const link = summary.getByRole('link').and(page.locator(`[href="#field-${name}"]`));
      expect(await link.count(), `summary links to ${name}`).toBe(1);
      const input = page.getByLabel(label, { exact: true });
      expect(await input.getAttribute('aria-invalid'), `${name} is marked invalid`).toBe('true');
      const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' '), `${name}'s error is tied to it`).toContain(`field-${name}-error`);
      expect(await page.locator(`#field-${name}-error`).textContent()).toBe(await link.textContent());
    }
    // Following a summary link lands on its field (the browser's own fragment navigation).
    await summary.getByRole('link', { name: /first name/i }).click();
    expect(new URL(page.url()).hash).toBe('#field-firstName');
    await context.close();

    // The same error state, with scripts on, passes axe and focuses the summary.
    const scripted = await watch.newContext({ expectedErrorStatuses: [rerenderedSignUp] });
    const withScript = await scripted.newPage();
    await withScript.goto('/sign-up');
    await withScript.getByRole('button', { name: 'Create account' }).click();
    await withScript.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await withScript.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    await expectAccessible(withScript, 'sign-up with errors');
    await scripted.close();
    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 90_000);
});
