import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const chromiumPath = process.env.CUSTODIAN_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** The OS Chromium, driven by playwright-core; missing Chromium fails loudly with the fix. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`\n\n*** Chromium not found at ${chromiumPath}. ***\nInstall it (apt-get install chromium) or run \`bash .ci/run\`, which does; or set CUSTODIAN_TEST_CHROMIUM.\n`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page. The page's CSP forbids inline script, so axe is injected through
 * the DevTools protocol (addScriptTag would be blocked), exactly as a browser extension would.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const session = await page.context().newCDPSession(page);
  await session.send('Runtime.evaluate', { expression: axeSource });
  const result = await session.send('Runtime.evaluate', {
    expression: `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) }))))`,
    awaitPromise: true,
    returnByValue: true,
  });
  await session.detach();
  if (result.exceptionDetails) throw new Error(`axe failed: ${result.exceptionDetails.text}`);
  return JSON.parse(result.result.value as string) as AxeViolation[];
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}
