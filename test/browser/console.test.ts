import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../src/context/request-context.js';
import { createStaffMember } from '../../src/staff/create-staff-member.js';
import { startTestApp } from '../test-app.js';
import { expectAccessible, signInThroughPage, useBrowserSession } from './browser-session.js';

/** The staff console in a real Chromium: an owner signs in and every console page passes axe. */
describe('staff console in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));

  it('an owner signs in and the console pages have no accessibility violations or console errors', async () => {
    const { t, watch } = session;
    const email = `owner-${randomUUID().slice(0, 8)}@staff.test`;
    const password = `staff password ${randomUUID().slice(0, 8)}`;
    await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email, displayName: 'Olga Owner', role: 'owner', password });

    const context = await watch.newContext();
    const page = await context.newPage();

    await page.goto('/console/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Staff sign-in' }).waitFor();
    await expectAccessible(page, 'staff sign-in');
    await signInThroughPage(page, email, password);
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
    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
  }, 120_000);
});
