import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { totpCode, totpStep } from '../auth/totp.js';
import type { HttpClient } from '../../test/http-client.js';

/**
 * The authenticator in a test: hands out codes the server will accept (current step ±1, each
 * step once). It never offers a code about to leave the window, and waits for the clock when
 * the three acceptable steps are used up, so no test depends on where in a step it runs.
 */
export class TestAuthenticator {
  private lastStep: number | null = null;

  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const current = totpStep(new Date(now));
      const intoStep = now % 30_000;
      const lowest = intoStep > 25_000 ? current : current - 1;
      const step = Math.max(lowest, this.lastStep === null ? lowest : this.lastStep + 1);
      if (step <= current + 1) {
        this.lastStep = step;
        return totpCode(this.secret, step);
      }
      await sleep(30_000 - intoStep + 100);
    }
  }

  /** A code the server already accepted once (for replay tests). */
  usedCode(): string {
    if (this.lastStep === null) throw new Error('No code used yet');
    return totpCode(this.secret, this.lastStep);
  }
}

/** Turns two-factor on through the customer API; returns the authenticator and the recovery codes. */
export async function enrolOverApi(client: HttpClient): Promise<{ authenticator: TestAuthenticator; recoveryCodes: string[] }> {
  const started = await client.api('POST', '/api/v1/account/two-factor');
  expect(started.status).toBe(201);
  const { secret, otpauthUri } = (await started.json()) as { secret: string; otpauthUri: string };
  expect(otpauthUri).toContain(`secret=${secret}`);
  const authenticator = new TestAuthenticator(secret);
  const confirmed = await client.api('POST', '/api/v1/account/two-factor/confirm', { code: await authenticator.code() });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  return { authenticator, recoveryCodes };
}

/** The manual-entry key shown on the set-up page. */
export function secretFromPage(page: string): string {
  const match = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page);
  if (!match) throw new Error('No secret on the page');
  return match[1]!.replace(/ /g, '');
}

export function recoveryCodesFromPage(page: string): string[] {
  return [...page.matchAll(/<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
}

export async function problemCode(response: Response): Promise<string> {
  return ((await response.json()) as { code: string }).code;
}
