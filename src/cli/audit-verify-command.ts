import { parseArgs } from 'node:util';
import { databaseTarget } from '../app/app.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { loadConfig } from '../config/load-config.js';
import { createDatabase } from '../db/create-database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage.js';

/**
 * `custodian audit verify`: walks the whole hash chain. Exit 0 when intact, 1 naming the first
 * entry that was altered (content no longer matches its hash) or rehashed (its successor's link broke).
 */
export async function auditVerifyCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1 || positionals[0] !== 'verify') {
    throw new UsageError(positionals.length === 0 ? 'audit needs a subcommand: audit verify' : `unknown audit subcommand "${positionals.join(' ')}"`);
  }
  const config = loadConfig();
  const database = await createDatabase(databaseTarget(config));
  try {
    // An instance that never ran has an empty trail; migrating first makes that an honest "0 entries".
    await migrateToLatest(database.db);
    const verdict = await verifyAuditChain(database.db);
    if (verdict.ok) {
      io.stdout(`audit chain intact: ${verdict.entries} entries\n`);
      return 0;
    }
    io.stdout(`audit chain broken at entry ${verdict.firstBadSeq} (${verdict.firstBadId}): ${verdict.problem}\n`);
    io.stdout(`${verdict.entries} entries before it verified.\n`);
    return 1;
  } finally {
    await database.close();
  }
}
