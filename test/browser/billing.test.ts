import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueTestInvoice } from '../../src/billing/billing.test-helpers.js';
import { isLocalPaymentAdapter } from '../../src/billing/payment.adapter.js';
import { systemContext } from '../../src/context/request-context.js';
import { createStaffMember } from '../../src/staff/create-staff-member.js';
import { signUpVerified } from '../auth-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, expectHeading, signInThroughPage, useBrowserSession } from './browser-session.js';

/**
 * Paying an invoice in a real Chromium: the customer opens the invoice, is sent to the built-in test
 * processor, is declined with one test card and pays with another, comes back, and sees the invoice
 * paid once the signed webhook has arrived; billing staff then see it in the console. Every page is
 * checked with axe-core and the console must stay free of errors.
 */
describe('billing in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite', {}, { background: true }));

  it('pays an invoice through the test processor and sees it paid, accessibly and without console errors', async () => {
    const { t, watch } = session;
    const processor = t.app.deps.adapters.payments;
    if (!isLocalPaymentAdapter(processor)) throw new Error('The test app runs the local test processor');
    const customer = await signUpVerified(t, t.client(), { firstName: 'Ada', lastName: 'Lovelace' });
    const { invoiceId, number } = await issueTestInvoice(t, customer);

    const context = await watch.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, customer.email, customer.password);
    await page.waitForURL((url) => url.pathname === '/account');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing', exact: true }).click();
    await expectHeading(page, 'Billing', { exact: true });
    await expectAccessible(page, 'billing overview');
    await page.getByRole('link', { name: number, exact: true }).click();
    await expectHeading(page, `Invoice ${number}`, { exact: true });
    await page.getByText('Web hosting Business, two months').waitFor();
    await expectAccessible(page, 'open invoice');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the invoice as PDF' }).click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    await page.getByRole('button', { name: 'Pay €37.96 now' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/test-processor/checkout/'));
    await expectHeading(page, 'Test payment processor', { exact: true });
    await expectAccessible(page, 'test processor page');

    await page.getByLabel('Visa ending 0002: the card is declined').check();
    await page.getByRole('button', { name: 'Pay €37.96' }).click();
    await page.getByRole('alert').filter({ hasText: 'The card was declined' }).waitFor();
    await expectAccessible(page, 'test processor page after a decline');

    await page.getByLabel('Visa ending 4242: the payment succeeds').check();
    await page.getByRole('button', { name: 'Pay €37.96' }).click();
    await page.waitForURL((url) => url.pathname === `/account/billing/invoices/${invoiceId}` && url.searchParams.get('checkout') === 'returned');
    await expectHeading(page, `Invoice ${number}`, { exact: true });
    await expectAccessible(page, 'invoice after returning from the processor');

    // The processor's webhook arrives a moment later, as with a real one; then the page shows it paid.
    await processor.whenDelivered();
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Thank you: your payment is confirmed.' }).waitFor();
    await page.getByText('Visa ending 4242').first().waitFor();
    expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0);
    await expectAccessible(page, 'paid invoice');
    await context.close();

    // Billing staff see the invoice and the payment in the console.
    const email = `billing-${randomUUID().slice(0, 8)}@staff.test`;
    const password = `staff password ${randomUUID().slice(0, 8)}`;
    await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email, displayName: 'Bill Ing', role: 'billing', password });
    const staffContext = await watch.newContext({ acceptDownloads: true });
    const staffPage = await staffContext.newPage();
    await staffPage.goto('/console/sign-in');
    await signInThroughPage(staffPage, email, password);
    await staffPage.waitForURL((url) => url.pathname === '/console');
    const nav = staffPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Invoices', exact: true }).click();
    await expectHeading(staffPage, 'Invoices', { exact: true });
    await expectAccessible(staffPage, 'console invoices');
    await staffPage.getByRole('link', { name: number, exact: true }).click();
    await expectHeading(staffPage, `Invoice ${number}`, { exact: true });
    await staffPage.getByRole('heading', { level: 2, name: 'Issue a credit note' }).waitFor();
    await expectAccessible(staffPage, 'console invoice');
    await nav.getByRole('link', { name: 'Payments', exact: true }).click();
    await expectHeading(staffPage, 'Payments', { exact: true });
    await staffPage.getByRole('cell', { name: 'Visa ending 4242' }).first().waitFor();
    await expectAccessible(staffPage, 'console payments');
    await staffContext.close();

    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 180_000);
});
