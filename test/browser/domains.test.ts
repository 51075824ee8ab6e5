import { describe, expect, it } from 'vitest';
import { systemContext } from '../../src/context/request-context.js';
import { createStaffMember } from '../../src/staff/create-staff-member.js';
import { signUpVerified } from '../auth-helpers.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, signInThroughPage, useBrowserSession } from './browser-session.js';

/**
 * A customer registers a domain under a TLD whose registry requires an identity document, in a
 * real Chromium: availability check, registration form with contacts prefilled from the account,
 * then a PDF upload on the domain's page, which then shows the document pending review. Every page
 * passes axe; the console stays free of errors.
 */
describe('registering a domain with document upload in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));

  /** The registration form answers 400 when re-rendered with errors; Chromium logs that status, expected there only. */
  const expectedErrorStatuses = [{ path: '/account/domains/register', status: 400 }];

  it('checks a .es name, registers it with contacts, uploads a PDF and sees the document pending review', async () => {
    const { t, watch } = session;
    const customer = await signUpVerified(t, t.client(), { firstName: 'Dora', lastName: 'Domain' });
    const context = await watch.newContext({ expectedErrorStatuses });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, customer.email, customer.password);
    await page.waitForURL('**/account');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
    await page.waitForURL('**/account/domains');
    await page.getByRole('heading', { level: 1, name: 'Domains' }).waitFor();
    await page.getByText('You have no domains yet.').waitFor();
    await expectAccessible(page, 'domains and prices');

    await page.getByLabel('Domain name').fill('Dora-Domain.es');
    await page.getByRole('button', { name: 'Check availability' }).click();
    await page.getByRole('status').filter({ hasText: 'dora-domain.es is available' }).waitFor();
    await page.getByText('The .es registry requires proof of the registrant\'s identity').waitFor();
    await expectAccessible(page, 'availability result');
    await page.getByRole('link', { name: 'Register dora-domain.es' }).click();

    await page.waitForURL('**/account/domains/register?fqdn=dora-domain.es');
    await page.getByRole('heading', { level: 1, name: 'Register a domain' }).waitFor();
    expect(await page.locator('#field-registrantName').inputValue()).toBe('Dora Domain');
    expect(await page.locator('#field-registrantEmail').inputValue()).toBe(customer.email);
    expect(await page.locator('#field-techSame').isChecked()).toBe(true);
    await expectAccessible(page, 'registration form');

    // Without phone and address the form comes back with the errors tied to their fields.
    await page.getByRole('button', { name: 'Order and issue the invoice' }).click();
    await page.getByRole('alert').getByRole('link', { name: /Enter the phone number/ }).waitFor();
    expect(await page.locator('#field-fqdn').inputValue()).toBe('dora-domain.es');
    await expectAccessible(page, 'registration form with errors');

    await page.locator('#field-registrantPhone').fill('+34 91 123 4567');
    await page.locator('#field-registrantStreet').fill('Calle Mayor 5');
    await page.locator('#field-registrantPostalCode').fill('28013');
    await page.locator('#field-registrantCity').fill('Madrid');
    await page.locator('#field-registrantCountry').selectOption('ES');
    await page.getByRole('button', { name: 'Order and issue the invoice' }).click();
    await page.waitForURL(/\/account\/domains\/[0-9a-f-]{36}\?done=ordered$/);
    await page.getByRole('heading', { level: 1, name: 'dora-domain.es' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your order is placed and the invoice issued.' }).waitFor();
    await page.getByRole('definition').filter({ hasText: 'Waiting for payment' }).waitFor();
    await page.getByText('Identity document needed').waitFor();
    await page.getByText('We delete it 30 days after our decision.').waitFor();
    await page.getByText('Not published.').waitFor();
    await expectAccessible(page, 'ordered domain');

    await page.getByLabel('Type of document').selectOption('passport');
    await page.getByLabel('Document file').setInputFiles({ name: 'dora-passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% passport scan\n%%EOF\n', 'latin1') });
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await page.waitForURL(/\/account\/domains\/[0-9a-f-]{36}\?done=document$/);
    await page.getByRole('status').filter({ hasText: 'Your document is waiting for review.' }).waitFor();
    await page.getByRole('cell', { name: 'Document pending review' }).waitFor();
    await page.getByRole('cell', { name: 'dora-passport.pdf' }).waitFor();
    expect(await page.getByLabel('Document file').count()).toBe(0);
    await expectAccessible(page, 'document pending review');

    const stored = await t.app.deps.db.selectFrom('domain_documents').select(['status', 'content_enc']).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('pending');
    expect(stored[0]!.content_enc.toString('latin1')).not.toContain('passport scan');

    // A privacy officer reviews it in the console; those pages pass axe too.
    const officer = { email: 'dora-reviewer@staff.test', password: 'reviewer password 1234' };
    await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { ...officer, displayName: 'Rita Reviewer', role: 'privacy_officer' });
    const staffPage = await (await watch.newContext({ expectedErrorStatuses })).newPage();
    await staffPage.goto('/console/sign-in');
    await signInThroughPage(staffPage, officer.email, officer.password);
    await staffPage.waitForURL((url) => url.pathname === '/console');
    await staffPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
    await staffPage.getByRole('cell', { name: '1 waiting' }).waitFor();
    await expectAccessible(staffPage, 'console domains');
    await staffPage.getByRole('link', { name: 'dora-domain.es' }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'dora-domain.es' }).waitFor();
    await staffPage.getByRole('link', { name: /Open dora-passport.pdf/ }).waitFor();
    await expectAccessible(staffPage, 'console domain with a document to review');
    await staffPage.getByLabel('Approve: the document proves the registrant\'s identity').check();
    await staffPage.getByRole('button', { name: 'Record the decision' }).click();
    await staffPage.getByRole('status').filter({ hasText: 'The decision is recorded.' }).waitFor();
    await expectAccessible(staffPage, 'console domain after the decision');

    await page.reload();
    await page.getByText(/Identity confirmed on/).waitFor();
    await context.close();
    await staffPage.context().close();
    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 120_000);
});
