import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../test-app.js';
import { expectAccessible, useBrowserSession } from './browser-session.js';

/**
 * The cookie banner in a real Chromium on the integration example (/consent/demo), whose GA4,
 * Yandex Metrica and Meta pixel recipes are the ones providers copy. Requests to the trackers'
 * real hosts are intercepted and counted, never let out.
 */
const trackers = { google: /^https:\/\/([a-z0-9-]+\.)*(googletagmanager|google-analytics)\.com\//, yandex: /^https:\/\/mc\.yandex\.ru\//, meta: /^https:\/\/connect\.facebook\.net\// };
type Tracker = keyof typeof trackers;

/** Sums layout-shift entries from the very start of every document (installed before any page script). */
const layoutShiftProbe = `window.__cls = 0;
window.__clsObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; });
window.__clsObserver.observe({ type: 'layout-shift', buffered: true });`;

describe('cookie banner in a browser', () => {
  const session = useBrowserSession(() => startTestApp('pglite'));

  interface Visitor {
    context: BrowserContext;
    page: Page;
    counts: Record<Tracker, number>;
    /** Paths of same-origin scripts the page loaded. */
    scripts: string[];
  }

  async function visitor(options: { gpc?: boolean; javaScriptEnabled?: boolean } = {}): Promise<Visitor> {
    const { t, watch } = session;
    const context = await watch.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, ...(options.gpc ? { extraHTTPHeaders: { 'Sec-GPC': '1' } } : {}) });
    if (options.gpc) await context.addInitScript("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });");
    await context.addInitScript(layoutShiftProbe);
    const counts: Record<Tracker, number> = { google: 0, yandex: 0, meta: 0 };
    for (const [name, pattern] of Object.entries(trackers) as [Tracker, RegExp][]) {
      await context.route(pattern, (route) => {
        counts[name] += 1;
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
      });
    }
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.resourceType() === 'script' && url.origin === t.baseUrl) scripts.push(url.pathname);
    });
    return { context, page, counts, scripts };
  }

  const banner = (page: Page) => page.getByRole('region', { name: 'Cookie consent' });

  async function layoutShift(page: Page): Promise<number> {
    return page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const w = window as unknown as { __cls: number; __clsObserver: PerformanceObserver };
      for (const entry of w.__clsObserver.takeRecords() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.__cls += entry.value;
      return w.__cls;
    });
  }

  it('shows an accessible, shift-free banner whose Accept and Reject look alike, and loads no tracker before consent', async () => {
    const { page, counts, context } = await visitor();
    await page.goto('/consent/demo');
    await banner(page).waitFor();
    expect(counts).toEqual({ google: 0, yandex: 0, meta: 0 });

    await expectAccessible(page, 'banner');
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'))).toBe(true);
    expect(await layoutShift(page)).toBe(0);
    expect(await banner(page).evaluate((el) => getComputedStyle(el).position)).toBe('fixed');

    const styleOf = (name: string) => banner(page).getByRole('button', { name, exact: true }).evaluate((el) => {
      const s = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { background: s.background, color: s.color, border: s.border, font: s.font, padding: s.padding, width: box.width, height: box.height };
    });
    const accept = await styleOf('Accept all');
    expect(await styleOf('Reject all')).toEqual(accept);
    expect(await styleOf('Settings')).toEqual(accept);

    // Keyboard: Tab from the top reaches the banner without a trap, and leaves it again.
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(seen).toEqual(expect.arrayContaining(['Cookie policy', 'Accept all', 'Reject all', 'Settings', 'Custodian']));
    expect(seen.indexOf('Custodian')).toBeGreaterThan(seen.indexOf('Settings'));
    await context.close();
  });

  it('rejects in one click: no tracker, and a returning visitor loads the stub but no banner code', async () => {
    const { page, counts, scripts, context } = await visitor();
    await page.goto('/consent/demo');
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await banner(page).waitFor({ state: 'hidden' });
    expect(counts).toEqual({ google: 0, yandex: 0, meta: 0 });

    scripts.length = 0;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cookie consent integration example' }).waitFor();
    expect(await banner(page).count()).toBe(0);
    expect(scripts).toContain('/assets/consent-stub.js');
    expect(scripts).not.toContain('/assets/consent-banner.js');
    expect(counts).toEqual({ google: 0, yandex: 0, meta: 0 });
    await context.close();
  });

  it('loads the trackers after Accept all, and again on the next visit', async () => {
    const { page, counts, context } = await visitor();
    await page.goto('/consent/demo');
    expect(counts).toEqual({ google: 0, yandex: 0, meta: 0 });
    await Promise.all([
      page.waitForRequest(trackers.google),
      page.waitForRequest(trackers.yandex),
      page.waitForRequest(trackers.meta),
      banner(page).getByRole('button', { name: 'Accept all' }).click(),
    ]);
    await banner(page).waitFor({ state: 'hidden' });
    const consentUpdate = await page.evaluate(() => JSON.stringify((window as unknown as { dataLayer: unknown[][] }).dataLayer.filter((e) => e[0] === 'consent').map((e) => [e[1], e[2]])));
    expect(JSON.parse(consentUpdate)).toEqual([
      ['default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', wait_for_update: 500 }],
      ['update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted' }],
    ]);

    const before = { ...counts };
    await Promise.all([page.waitForRequest(trackers.google), page.waitForRequest(trackers.meta), page.reload()]);
    expect(counts.google).toBeGreaterThan(before.google);
    expect(await banner(page).count()).toBe(0);
    await context.close();
  });

  it('honours Global Privacy Control: nothing before a choice, and no marketing even after Accept all', async () => {
    const { page, counts, context } = await visitor({ gpc: true });
    await page.goto('/consent/demo');
    await banner(page).getByText('Global Privacy Control').waitFor();
    expect(counts).toEqual({ google: 0, yandex: 0, meta: 0 });
    await Promise.all([page.waitForRequest(trackers.google), page.waitForRequest(trackers.yandex), banner(page).getByRole('button', { name: 'Accept all' }).click()]);
    await page.locator('script[type="text/plain"][data-category="analytics"]').first().waitFor({ state: 'detached' });
    expect(await page.locator('script[type="text/plain"][data-category="marketing"]').count()).toBe(1);
    expect(await page.evaluate(() => 'fbq' in window)).toBe(false);
    expect(counts.meta).toBe(0);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cookie consent integration example' }).waitFor();
    expect(await page.locator('script[type="text/plain"][data-category="marketing"]').count()).toBe(1);
    expect(counts.meta).toBe(0);
    await context.close();
  });

  it('works without JavaScript: Reject all posts the form and comes back without the banner', async () => {
    const { page, counts, context } = await visitor({ javaScriptEnabled: false });
    await page.goto('/consent/demo');
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await page.waitForURL('**/consent/demo');
    await page.getByRole('heading', { level: 1, name: 'Cookie consent integration example' }).waitFor();
    expect(await banner(page).count()).toBe(0);
    expect(counts).toEqual({ google: 0, yandex: 0, meta: 0 });
    await context.close();
  });

  it('offers an accessible settings page that saves a per-category choice', async () => {
    const { page, counts, context } = await visitor();
    await page.goto('/consent/demo');
    await banner(page).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cookie settings' }).waitFor();
    await expectAccessible(page, 'cookie settings');
    expect(await page.getByRole('checkbox', { name: 'Strictly necessary' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Analytics', exact: true }).check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await page.getByRole('status').filter({ hasText: 'Your cookie choice has been saved.' }).waitFor();
    await Promise.all([page.waitForRequest(trackers.google), page.goto('/consent/demo')]);
    expect(counts.meta).toBe(0);
    expect(await page.locator('script[type="text/plain"][data-category="marketing"]').count()).toBe(1);
    await context.close();
  });

  it('left no console errors or CSP violations', () => {
    expect(session.watch.errors).toEqual([]);
  });
});
