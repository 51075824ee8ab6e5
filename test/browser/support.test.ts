import { describe, expect, it } from 'vitest';
import { createTestStaff } from '../../src/staff/staff.test-helpers.js';
import { signUpVerified } from '../auth-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, signInThroughPage, useBrowserSession } from './browser-session.js';

const card = '4111 1111 1111 1111';
const masked = '[card number removed, ending 1111]';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/**
 * Support in a real Chromium: a customer opens a ticket with a card number and sees it masked in
 * the thread, is warned about an IBAN in a subject and sends it anyway, and a support member
 * answers in the console. Every page passes axe; the console stays free of errors.
 */
describe('support tickets in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));

  /** The new-ticket form answers 422 on purpose (the warning re-render); Chromium logs that status as an error. */
  const warnedForm = { path: '/account/support/new', status: 422 };

  it('opens a ticket with a card number that gets masked, warns about an IBAN, and shows the staff reply', async () => {
    const { t, watch } = session;
    const customer = await signUpVerified(t, t.client());
    const context = await watch.newContext({ expectedErrorStatuses: [warnedForm] });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, customer.email, customer.password);
    await page.waitForURL('**/account');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
    await page.getByText('You have no tickets.').waitFor();
    await expectAccessible(page, 'support list (empty)');

    // 1. A ticket with a card number in subject and message, and a file.
    await page.getByRole('link', { name: 'Open a new ticket' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open a support ticket' }).waitFor();
    await expectAccessible(page, 'new ticket form');
    await page.getByLabel('Department').selectOption({ label: 'Billing' });
    await page.getByLabel('Subject', { exact: true }).fill(`Card ${card} charged twice`);
    await page.getByLabel('Your message').fill(`I paid with ${card}.\nPlease refund one payment.`);
    await page.getByLabel('Attach a file (optional)').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.waitForURL(/\/account\/support\/T-[0-9A-Z]{6}\?done=opened$/);
    const reference = /T-[0-9A-Z]{6}/.exec(page.url())![0];
    await page.getByRole('heading', { level: 1, name: `Card ${masked} charged twice` }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your ticket is open.' }).waitFor();
    const thread = page.getByRole('region', { name: 'Conversation' });
    await thread.getByText(`I paid with ${masked}.`).waitFor();
    await thread.getByRole('link', { name: 'receipt.png' }).waitFor();
    expect(await page.content()).not.toContain(card);
    await expectAccessible(page, 'ticket thread');

    // 2. An IBAN in the subject: a warning with the reason, then sent anyway.
    await page.goto('/account/support/new');
    await page.getByLabel('Subject', { exact: true }).fill('Refund to DE89 3704 0044 0532 0130 00');
    await page.getByLabel('Your message').fill('Please refund to this account.');
    await page.getByRole('button', { name: 'Open ticket' }).click();
    const warning = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Check before sending' }) });
    await warning.waitFor();
    await warning.getByText(/appear in our email notifications and in our staff's ticket lists/).waitFor();
    await warning.getByRole('link', { name: 'The subject may contain an IBAN (bank account number).' }).waitFor();
    expect(await page.getByLabel('Subject', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe('Refund to DE89 3704 0044 0532 0130 00');
    await expectAccessible(page, 'new ticket with a warning');
    await page.getByLabel('Send it as it is: I have checked the subject and file name').check();
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.waitForURL(/\/account\/support\/T-[0-9A-Z]{6}\?done=opened$/);
    await page.getByRole('heading', { level: 1, name: 'Refund to DE89 3704 0044 0532 0130 00' }).waitFor();

    // 3. A support member answers in the console.
    const member = await createTestStaff(t, 'support', 'Sam Support');
    const staffContext = await watch.newContext();
    const staffPage = await staffContext.newPage();
    await staffPage.goto('/console/sign-in');
    await signInThroughPage(staffPage, member.email, member.password);
    await staffPage.waitForURL((url) => url.pathname === '/console');
    await staffPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets', exact: true }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
    await expectAccessible(staffPage, 'console tickets');
    await staffPage.getByRole('link', { name: reference }).click();
    await staffPage.getByRole('heading', { level: 1, name: `Card ${masked} charged twice` }).waitFor();
    await expectAccessible(staffPage, 'console ticket');
    await staffPage.getByLabel('Reply', { exact: true }).fill('We refunded the second payment today.');
    await staffPage.getByRole('button', { name: 'Send reply' }).click();
    await staffPage.getByRole('status').filter({ hasText: 'Your reply has been sent' }).waitFor();
    await staffPage.getByLabel('Note', { exact: true }).fill('Refund issued through the processor.');
    await staffPage.getByRole('button', { name: 'Add internal note' }).click();
    await staffPage.getByRole('status').filter({ hasText: 'The internal note has been added.' }).waitFor();
    await expectAccessible(staffPage, 'console ticket with reply and note');
    await staffContext.close();

    await page.goto(`/account/support/${reference}`);
    await thread.getByText('We refunded the second payment today.').waitFor();
    expect(await page.content()).not.toContain('Refund issued through the processor.');
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'The ticket is closed.' }).waitFor();
    await expectAccessible(page, 'support list');
    await context.close();

    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 180_000);
});
