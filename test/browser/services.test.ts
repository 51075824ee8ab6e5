import { describe, expect, it } from 'vitest';
import { signUpVerified } from '../auth-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, signInThroughPage, useBrowserSession } from './browser-session.js';

/**
 * A customer orders a plan in a real Chromium, sees it waiting for payment with its open invoice,
 * pays through the built-in test processor and watches the service become active once the worker
 * has set it up through the local panel. Every page passes axe; the console stays free of errors.
 */
describe('ordering a service in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite', {}, { background: true }));

  /** The order form answers 400 when re-rendered with errors; Chromium logs that status, which is expected there only. */
  const expectedErrorStatuses = [{ path: '/account/services', status: 400 }];

  it('orders a plan, pays its invoice and sees the service become active', async () => {
    const { t, watch } = session;
    const customer = await signUpVerified(t, t.client(), { firstName: 'Bea', lastName: 'Browser' });
    const context = await watch.newContext({ expectedErrorStatuses });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, customer.email, customer.password);
    await page.waitForURL('**/account');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await page.waitForURL('**/account/services');
    await page.getByRole('heading', { level: 1, name: 'Your services' }).waitFor();
    await page.getByText('You have no services yet.').waitFor();
    await expectAccessible(page, 'services and catalogue');

    // A plan without the hostname it needs: the form comes back with the error tied to the field.
    await page.getByLabel(/^Web Hosting Starter:/).check();
    await page.getByRole('button', { name: 'Order and issue the invoice' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter a domain or hostname such as example.com.' }).waitFor();
    expect(await page.getByLabel(/^Web Hosting Starter:/).isChecked()).toBe(true);
    await expectAccessible(page, 'order form with errors');

    await page.getByLabel('Domain or hostname').fill('bea-bakery.example');
    await page.getByRole('button', { name: 'Order and issue the invoice' }).click();
    await page.waitForURL(/\/account\/services\/[0-9a-f-]{36}\?done=ordered$/);
    const servicePath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Web Hosting Starter · bea-bakery.example' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your order is placed and its invoice has been issued.' }).waitFor();
    await page.getByRole('definition').filter({ hasText: 'Waiting for payment' }).waitFor();
    await expectAccessible(page, 'ordered service');

    // The open invoice, paid through the test processor's hosted page.
    await page.getByRole('link', { name: 'View the invoice' }).first().click();
    await page.waitForURL(/\/account\/billing\/invoices\/[0-9a-f-]{36}$/);
    await expectAccessible(page, 'open invoice');
    await page.getByRole('button', { name: /^Pay .* now$/ }).click();
    await page.waitForURL(/\/test-processor\/checkout\//);
    await page.getByLabel(/4242/).check();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/account\/billing\/invoices\/[0-9a-f-]{36}\?checkout=returned$/);

    // The worker settles the invoice, provisions through the local panel and polls until it is done.
    await page.goto(servicePath);
    await expect.poll(async () => {
      await page.reload();
      return page.getByRole('definition').filter({ hasText: /^Active$/ }).count();
    }, { timeout: 60_000, interval: 500 }).toBe(1);
    await page.getByRole('definition').filter({ hasText: /^198\.51\.100\.\d+$/ }).waitFor();
    await expectAccessible(page, 'active service');
    await page.getByRole('button', { name: 'Cancel the service' }).waitFor();

    await context.close();
    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 180_000);
});
