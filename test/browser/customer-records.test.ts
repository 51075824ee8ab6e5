import { describe, expect, it } from 'vitest';
import { createTestStaff } from '../../src/staff/staff.test-helpers.js';
import { signUpVerified } from '../auth-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, signInThroughPage, useBrowserSession } from './browser-session.js';

/** A privacy officer opens a customer's full record in Chromium: asked for a reason first, then the record. */
describe('customer record in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));

  it('asks the privacy officer for a reason, then shows the record; every page passes axe without console errors', async () => {
    const { t, watch } = session;
    const officer = await createTestStaff(t, 'privacy_officer', 'Petra Privacy');
    const customer = await signUpVerified(t, t.client(), { firstName: 'Grace', lastName: 'Hopper' });

    // The reason form re-rendered with its error is answered 400 on purpose; Chromium logs that status
    // as a console error, which is expected only for that status and that form.
    const reasonForm = `/console/customers/${customer.accountId}/record`;
    const context = await watch.newContext({ expectedErrorStatuses: [{ path: reasonForm, status: 400 }] });
    const page = await context.newPage();

    await page.goto('/console/sign-in');
    await signInThroughPage(page, officer.email, officer.password);
    await page.waitForURL((url) => url.pathname === '/console');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await expectAccessible(page, 'customer list');

    await page.getByLabel('Email address or account id').fill(customer.email);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('One customer matches.').waitFor();
    await expectAccessible(page, 'search result');
    await page.getByRole('table', { name: 'Search result' }).getByRole('link', { name: customer.accountId }).click();
    await page.waitForURL((url) => url.pathname === `/console/customers/${customer.accountId}`);
    await expectAccessible(page, 'customer page');

    await page.getByRole('link', { name: 'Full record' }).click();
    await page.getByRole('heading', { level: 1, name: 'Why do you need this customer\'s full record?' }).waitFor();
    expect(await page.content()).not.toContain(customer.email);
    await expectAccessible(page, 'reason form');

    // Without a reason the form comes back with the error, focused for screen readers.
    await page.getByRole('button', { name: 'Open with this reason' }).click();
    await page.getByRole('alert').getByText('Describe the reason in at least 15 characters.').waitFor();
    await expectAccessible(page, 'reason form with error');

    await page.getByLabel('Reason', { exact: true }).fill('Access request by the customer, letter of 2 May');
    await page.getByRole('button', { name: 'Open with this reason' }).click();
    await page.getByRole('heading', { level: 1, name: 'Full record' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'accounts', exact: true }).waitFor();
    const record = await page.content();
    expect(record).toContain(customer.email);
    expect(record).toContain('Hopper');
    await expectAccessible(page, 'full record');

    await context.close();
    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 120_000);
});
