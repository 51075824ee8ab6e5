import { parseArgs } from 'node:util';
import { databaseTarget } from '../app/app.js';
import { loadConfig } from '../config/load-config.js';
import { createDatabase } from '../db/create-database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { CliIo } from './cli-io.js';

/** `custodian migrate`: applies pending migrations; safe to run while other processes use PostgreSQL. */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  const config = loadConfig();
  const database = await createDatabase(databaseTarget(config));
  try {
    const applied = await migrateToLatest(database.db);
    io.stdout(applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
