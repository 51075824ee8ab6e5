import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/context/request-context.js';
import { createStaffMember } from '../../src/staff/create-staff-member.js';
import { startTestApp, type TestApp } from '../test-app.js';
import { axeViolations, describeViolations, launchBrowser } from './browser.js';

/** The staff console in a real Chromium: an owner signs in and every console page passes axe. */
describe('staff console in a browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function expectAccessible(page: Page, what: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${what} (${page.url()}):\n${describeViolations(violations)}`).toEqual([]);
  }

  it('an owner signs in and the console pages have no accessibility violations or console errors', async () => {
    const email = `owner-${randomUUID().slice(0, 8)}@staff.test`;
    const password = `staff password ${randomUUID().slice(0, 8)}`;
    await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email, displayName: 'Olga Owner', role: 'owner', password });

    const context = await browser.newContext({ baseURL: t.baseUrl });
    const consoleErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    });
    context.on('weberror', (error) => consoleErrors.push(`${error.page()?.url() ?? '?'}: ${error.error().message}`));
    const page = await context.newPage();

    await page.goto('/console/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Staff sign-in' }).waitFor();
    await expectAccessible(page, 'staff sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/console');
    await page.getByRole('heading', { level: 1, name: 'Staff console' }).waitFor();
    await expectAccessible(page, 'console home');

    // Through the console's own navigation, so its links and names are checked too.
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [link, path, heading] of [
      ['Staff', '/console/staff', 'Staff'],
      ['Settings', '/console/settings', 'Settings'],
      ['Audit trail', '/console/audit', 'Audit trail'],
      ['My security', '/console/security/two-factor', 'Two-factor sign-in'],
    ] as const) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await page.waitForURL((url) => url.pathname === path);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      expect(await nav.getByRole('link', { name: link, exact: true }).getAttribute('aria-current'), `${link} is marked current`).toBe('page');
      await expectAccessible(page, path);
    }

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/console/sign-in');
    await context.close();
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  }, 120_000);
});
