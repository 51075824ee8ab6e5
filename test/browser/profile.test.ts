import { describe, expect, it } from 'vitest';
import { signUpVerified } from '../auth-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, useBrowserSession } from './browser-session.js';

/**
 * The profile, its history, contacts and the email-change form in a real Chromium: filled in by
 * label, errors shown and linked from the summary, every page axe-clean and the console quiet.
 */
describe('profile and contacts in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));
  /** Re-rendered forms answer 400 on purpose; Chromium logs that status, which is then expected. */
  const expectedErrorStatuses = [{ path: '/account/profile', status: 400 }, { path: '/account/contacts', status: 400 }];

  it('corrects the profile, shows the history and manages a contact, accessibly', async () => {
    const { t, watch } = session;
    const client = t.client();
    await signUpVerified(t, client, { firstName: 'Grace', lastName: 'Hopper' });
    const context = await watch.newContext({ expectedErrorStatuses });
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: t.baseUrl })));
    const page = await context.newPage();

    await page.goto('/account/profile');
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await expectAccessible(page, 'profile');

    // A wrong VAT id and an incomplete address: the summary links each field.
    await page.getByLabel('VAT identification number').fill('DE12');
    await page.getByLabel('Street and house number').fill('Rue Neuve 30');
    await page.getByLabel('Country of the address').selectOption('BE');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 2, name: 'There is a problem' }).waitFor();
    await expect(page.getByRole('link', { name: 'Enter an EU VAT number with its country prefix, e.g. DE123456789.' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Enter the city (up to 100 characters).' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'profile with errors');

    await page.getByLabel('VAT identification number').fill('BE0123456789');
    await page.getByLabel('Postal code').fill('1000');
    await page.getByLabel('City').fill('Bruxelles');
    await page.getByLabel('Phone (optional)').fill('+32 2 555 40 12');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL('**/account/profile?done=saved');
    await page.getByRole('status').filter({ hasText: 'Your changes have been saved' }).waitFor();

    await page.getByRole('link', { name: 'Change history' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change history' }).waitFor();
    await page.getByRole('cell', { name: '+3225554012' }).waitFor();
    await expectAccessible(page, 'history');

    await page.goto('/account/contacts');
    await expectAccessible(page, 'contacts, empty');
    await page.getByLabel('Role').selectOption('technical');
    await page.getByLabel('Name').fill('Linus Admin');
    await page.getByLabel('Email address').fill('linus@example.org');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.waitForURL('**/account/contacts?done=added');
    await page.getByRole('rowheader', { name: 'Linus Admin' }).waitFor();
    await expectAccessible(page, 'contacts, one');
    await page.getByRole('link', { name: 'Edit Linus Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit contact Linus Admin' }).waitFor();
    await expectAccessible(page, 'contact edit');
    await page.goto('/account/contacts');
    await page.getByRole('button', { name: 'Remove Linus Admin' }).click();
    await page.getByRole('status').filter({ hasText: 'The contact has been removed' }).waitFor();

    await page.goto('/account/profile/email');
    await page.getByRole('heading', { level: 1, name: 'Change your email address' }).waitFor();
    await expectAccessible(page, 'email change');

    await context.close();
    expect(watch.errors).toEqual([]);
  }, 120_000);
});
