import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { freePort, runCustodian, spawnCustodian, stackLine, tempDataDir, waitForExit, waitForOutput } from '../cli/cli.test-helpers.js';

const masterKey = Buffer.alloc(32, 5).toString('base64');

describe('PGlite data directory lock (real processes)', () => {
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('refuses a second process while `custodian start` holds the data dir, and frees it on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const env = { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: masterKey };
    const server = spawnCustodian(['start'], { ...env, CUSTODIAN_PORT: String(await freePort()) });
    started.push(server);
    await waitForOutput(server, /Custodian is running/);
    expect(fs.readFileSync(path.join(dataDir, 'custodian.lock'), 'utf8')).toBe(String(server.pid));

    const second = await runCustodian(['migrate'], env);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is in use by process ${server.pid}`);
    expect(second.stderr).not.toMatch(stackLine);

    server.kill('SIGTERM');
    expect(await waitForExit(server)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'custodian.lock'))).toBe(false);
    const after = await runCustodian(['migrate'], env);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  }, 240_000);

  it('takes over a stale lock left by a process that is gone', async () => {
    const dataDir = tempDataDir();
    // A real pid that has certainly exited: a child we ran to completion.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(path.join(dataDir, 'custodian.lock'), String(dead));
    const result = await runCustodian(['migrate'], { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: masterKey });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Applied');
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'custodian.lock'))).toBe(false);
  }, 120_000);
});
