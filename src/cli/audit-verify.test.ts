import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash } from '../audit/audit-hash.js';
import { createDatabase } from '../db/create-database.js';
import { runCustodian, tempDataDir } from './cli.test-helpers.js';

const masterKey = Buffer.alloc(32, 3).toString('base64');

/** Opens the data dir the CLI used, as a second program would (the CLI has exited, so the lock is free). */
async function withDataDir<T>(dataDir: string, work: (db: Awaited<ReturnType<typeof createDatabase>>['db']) => Promise<T>): Promise<T> {
  const handle = await createDatabase({ kind: 'pglite', directory: path.join(dataDir, 'pgdata'), lockDir: dataDir });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

describe('custodian audit verify (real process, PGlite data dir)', () => {
  const dataDir = tempDataDir();
  const env = { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: masterKey };

  beforeAll(async () => {
    const migrate = await runCustodian(['migrate'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    for (const [email, role] of [['first.owner@example.com', 'owner'], ['second.auditor@example.com', 'auditor']]) {
      const created = await runCustodian(['create-staff', '--email', email!, '--name', 'Test Member', '--role', role!], env);
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/Created staff member [0-9a-f-]{36} with role/);
    }
  }, 240_000);

  it('exits 0 and prints the entry count of an untouched chain', async () => {
    const entries = await withDataDir(dataDir, async (db) => {
      const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    });
    expect(entries).toBeGreaterThanOrEqual(2);
    const result = await runCustodian(['audit', 'verify'], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`audit chain intact: ${entries} entries\n`);
    expect(result.code).toBe(0);
  }, 120_000);

  it('exits 1 naming the entry whose row was edited by SQL, then the one whose hash was recomputed', async () => {
    const target = await withDataDir(dataDir, async (db) => {
      const row = await db.selectFrom('audit_events').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
      await sql`update audit_events set details = ${JSON.stringify({ forged: true })}::jsonb where seq = 2`.execute(db);
      return row;
    });
    const altered = await runCustodian(['audit', 'verify'], env);
    expect(altered.stdout).toContain(`audit chain broken at entry 2 (${target.id}): altered\n`);
    expect(altered.code).toBe(1);

    // A careful forger recomputes the edited entry's hash; the next entry's link still gives it away.
    await withDataDir(dataDir, async (db) => {
      const edited = await db.selectFrom('audit_events').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
      await sql`update audit_events set hash = ${auditEntryHash(edited)} where seq = 2`.execute(db);
    });
    const rehashed = await runCustodian(['audit', 'verify'], env);
    expect(rehashed.stdout).toContain(`audit chain broken at entry 2 (${target.id}): rehashed\n`);
    expect(rehashed.code).toBe(1);
  }, 180_000);

  it('refuses an unknown audit subcommand with usage and exit 2', async () => {
    const result = await runCustodian(['audit', 'check'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown audit subcommand "check"');
    expect(result.stderr).toContain('Usage: custodian <command>');
  }, 60_000);
});
