import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TestApp } from '../test-app.js';
import { axeViolations, describeViolations, launchBrowser } from './browser.js';

/** A response status Chromium logs as a console error, expected only for a document or form at `path`. */
export interface ExpectedErrorStatus {
  path: string;
  status: number;
}

export interface ContextOptions extends BrowserContextOptions {
  /** Statuses answered on purpose (a form re-rendered with errors, a refusal); any other console error counts. */
  expectedErrorStatuses?: readonly ExpectedErrorStatus[];
}

export interface ConsoleWatch {
  /** Console errors and uncaught page errors of every context, each with the page it came from. */
  readonly errors: string[];
  newContext(options?: ContextOptions): Promise<BrowserContext>;
}

const failedToLoad = 'Failed to load resource: the server responded with a status of ';

/** Contexts on `baseUrl` whose console errors and page errors are collected in `errors`. */
export function createConsoleWatch(browser: Browser, baseUrl: string): ConsoleWatch {
  const errors: string[] = [];
  async function newContext(options: ContextOptions = {}): Promise<BrowserContext> {
    const { expectedErrorStatuses = [], ...contextOptions } = options;
    const context = await browser.newContext({ baseURL: baseUrl, ...contextOptions });
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      const source = message.location().url;
      const expected = source !== '' && expectedErrorStatuses.some(({ path, status }) => text.startsWith(`${failedToLoad}${status} `) && new URL(source).pathname === path);
      if (!expected) errors.push(`${message.page()?.url() ?? '?'}: ${text}`);
    });
    context.on('weberror', (error) => errors.push(`${error.page()?.url() ?? '?'}: ${error.error().message}`));
    return context;
  }
  return { errors, newContext };
}

export interface BrowserSession {
  readonly t: TestApp;
  readonly browser: Browser;
  readonly watch: ConsoleWatch;
}

/** Starts the app and Chromium before the describe block's tests and closes both after them. */
export function useBrowserSession(startApp: () => Promise<TestApp>): BrowserSession {
  const session = {} as { t: TestApp; browser: Browser; watch: ConsoleWatch };
  beforeAll(async () => {
    [session.t, session.browser] = await Promise.all([startApp(), launchBrowser()]);
    session.watch = createConsoleWatch(session.browser, session.t.baseUrl);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.t?.close();
  });
  return session;
}

export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what} (${page.url()}):\n${describeViolations(violations)}`).toEqual([]);
}

export async function expectHeading(page: Page, name: string, options: { exact?: boolean } = {}): Promise<void> {
  await page.getByRole('heading', { level: 1, name, ...options }).waitFor();
}

/** Fills the customer or staff sign-in form the page shows and submits it. */
export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
