import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCustodian, stackLine, tempDataDir } from '../cli/cli.test-helpers.js';

// Argument errors are found before configuration is read or the database opened.
describe('custodian generate (real process)', () => {
  it.each([
    [['generate'], 'generate needs --subjects N'],
    [['generate', '--subjects', '0'], '--subjects must be a whole number from 1 to 1000000'],
    [['generate', '--subjects', '10', '--seed', 'abc'], '--seed must be a whole number from 0 to 4294967295'],
    [['generate', '--subjects', '10', '--as-of', '2026-02-30'], '--as-of must be a date such as 2026-01-31'],
  ])('%j exits 2 with the usage and no stack', async (args, message) => {
    const result = await runCustodian(args, { CUSTODIAN_DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('generate --subjects N');
    expect(result.stderr).not.toMatch(stackLine);
    expect(result.stdout).toBe('');
  }, 60_000);

  it('fills an empty PGlite database, prints the shared password once, and refuses a second run with another seed (exit 2)', async () => {
    const dataDir = tempDataDir();
    const env = { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: randomBytes(32).toString('base64') };
    try {
      const first = await runCustodian(['generate', '--subjects', '12'], env, { limitMs: 120_000 });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Generated 12 subjects in [\d.]+ s/);
      expect(first.stdout).toMatch(/password: scale-[A-Za-z0-9_-]{16} {3}\(shown only now\)/);
      expect(first.stdout).toMatch(/^subjects +12$/m);
      const second = await runCustodian(['generate', '--subjects', '12', '--seed', '9'], env, { limitMs: 120_000 });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('already holds data generated with seed 3 for 12 subjects');
      expect(second.stderr).not.toMatch(stackLine);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
