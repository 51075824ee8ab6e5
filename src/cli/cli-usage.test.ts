import { describe, expect, it } from 'vitest';
import { runCustodian, stackLine, tempDataDir } from './cli.test-helpers.js';

// None of these reach the database: usage is checked before configuration is even read.
describe('custodian usage (real process)', () => {
  it('help prints the usage and exits 0', async () => {
    const result = await runCustodian(['help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: custodian <command>');
    for (const command of ['start [--demo [--demo-customers N]]', 'migrate', 'create-staff --email E --name N --role R', 'audit verify']) expect(result.stdout).toContain(command);
  }, 60_000);

  it.each([
    [['launch'], 'unknown command "launch"'],
    [[], 'no command given'],
    [['start', '--demo', '--fast'], "Unknown option '--fast'"],
    [['migrate', 'now'], 'Unexpected argument'],
    [['create-staff', '--email', 'x@example.com', '--name', 'X', '--role', 'king'], '--role must be one of owner, privacy_officer, support, billing, auditor'],
    [['create-staff', '--name', 'X', '--role', 'owner'], '--email'],
  ])('%j exits 2 with the usage and no stack', async (args, message) => {
    const result = await runCustodian(args, { CUSTODIAN_DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: custodian <command>');
    expect(result.stderr).not.toMatch(stackLine);
    expect(result.stdout).toBe('');
  }, 60_000);
});
