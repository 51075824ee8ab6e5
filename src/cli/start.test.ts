import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { HttpClient } from '../../test/http-client.js';
import { freePort, spawnCustodian, tempDataDir, waitForExit, waitForOutput } from './cli.test-helpers.js';

const masterKey = Buffer.alloc(32, 9).toString('base64');
const running: ChildProcess[] = [];

/** Starts the real CLI, waits for the banner, returns it with the base URL. */
async function start(env: Record<string, string>, args: string[] = []): Promise<{ child: ChildProcess; banner: string; client: HttpClient }> {
  const port = await freePort();
  const child = spawnCustodian(['start', ...args], { CUSTODIAN_MASTER_KEY: masterKey, CUSTODIAN_PORT: String(port), ...env });
  running.push(child);
  const banner = await waitForOutput(child, /Stop with Ctrl\+C/);
  return { child, banner, client: new HttpClient(`http://127.0.0.1:${port}`) };
}

async function stop(child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.kill('SIGTERM');
  const code = await waitForExit(child);
  expect(code, `exit signal ${child.signalCode}; stderr after SIGTERM:\n${stderr.slice(-3000)}`).toBe(0);
}

describe('custodian start (real process)', () => {
  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the URLs and a working first-owner setup link; --demo seeds once and its people can sign in', async () => {
    const dataDir = tempDataDir();
    const first = await start({ CUSTODIAN_DATA_DIR: dataDir });
    for (const line of ['Account area:', 'Staff console:', '/console', 'API docs:', '/api/docs', `PGlite in ${dataDir}/pgdata`, `.eml files to ${dataDir}/mail`]) expect(first.banner).toContain(line);
    const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(first.banner)?.[1];
    expect(link, first.banner).toBeDefined();
    const setupPage = await first.client.get(new URL(link!).pathname + new URL(link!).search);
    expect(setupPage.status).toBe(200);
    expect((await first.client.request('GET', '/readyz')).status).toBe(200);
    await stop(first.child);

    const demo = await start({ CUSTODIAN_DATA_DIR: dataDir }, ['--demo', '--demo-customers', '12']);
    expect(demo.banner).toContain('DEMO DATA');
    expect(demo.banner).toContain('the demo owner below can sign in');
    expect(demo.banner).toMatch(/and 7 more customers \(.+\), all with password demo-\S+/);
    const owner = /owner\s+(\S+@\S+)\s+(demo-\S+)/.exec(demo.banner);
    const customer = /Jonas Berg\s+(\S+@\S+)\s+(demo-\S+)/.exec(demo.banner);
    expect(owner && customer, demo.banner).toBeTruthy();
    const staffSignIn = await demo.client.api('POST', '/api/v1/staff/session', { email: owner![1], password: owner![2] });
    expect(staffSignIn.status).toBe(200);
    expect(await staffSignIn.json()).toMatchObject({ secondFactorPending: false });
    const customerClient = new HttpClient(demo.client.baseUrl);
    expect((await customerClient.api('POST', '/api/v1/session', { email: customer![1], password: customer![2] })).status).toBe(200);
    const account = await customerClient.request('GET', '/api/v1/account', { headers: { accept: 'application/json' } });
    expect(account.status, 'the demo customer is verified and needs no second factor').toBe(200);
    // The demo customer's business was made through the use cases: services, domains, invoices, tickets.
    for (const [path, key] of [['/api/v1/services', 'services'], ['/api/v1/domains', 'domains'], ['/api/v1/billing/invoices', 'invoices'], ['/api/v1/support/tickets', 'tickets']] as const) {
      const listed = await customerClient.request('GET', path, { headers: { accept: 'application/json' } });
      expect(listed.status, path).toBe(200);
      expect(((await listed.json()) as Record<string, unknown[]>)[key]!.length, `${path} of the demo customer`).toBeGreaterThan(0);
    }
    await stop(demo.child);

    const again = await start({ CUSTODIAN_DATA_DIR: dataDir }, ['--demo']);
    expect(again.banner).toContain('Demo data is already present');
    expect(again.banner).not.toContain('demo-');
    await stop(again.child);
  }, 420_000);

  it('creates the owner from CUSTODIAN_OWNER_EMAIL and says so', async () => {
    const env = { CUSTODIAN_DATA_DIR: tempDataDir(), CUSTODIAN_OWNER_EMAIL: 'boss@example.com', CUSTODIAN_OWNER_PASSWORD: 'owner password from env' };
    const started = await start(env);
    expect(started.banner).toContain('owner boss@example.com created from CUSTODIAN_OWNER_EMAIL');
    const signedIn = await started.client.api('POST', '/api/v1/staff/session', { email: 'boss@example.com', password: 'owner password from env' });
    expect(signedIn.status).toBe(200);
    await stop(started.child);
  }, 240_000);
});
