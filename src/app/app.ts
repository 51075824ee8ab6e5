import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { deriveKey } from '../crypto/envelope.js';
import { Keyring } from '../crypto/keyring.js';
import { resolveMasterKey } from '../crypto/master-key.js';
import { createDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/create-database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { AppDeps } from '../http/app-deps.js';
import { createServer, type BuiltServer } from '../http/create-server.js';
import { createLocalAdapters } from './local-adapters.js';

export interface App {
  readonly deps: AppDeps;
  readonly server: BuiltServer;
  readonly database: DatabaseHandle;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Tests pass an already open, migrated database. */
  readonly database?: DatabaseHandle;
  readonly now?: () => Date;
}

export function databaseTarget(config: Config, logger?: Logger): DatabaseTarget {
  return config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url, onIdleClientError: (error) => logger?.warn({ err: error }, 'an idle database connection was closed by the server') }
    : { kind: 'pglite', directory: config.database.directory, lockDir: config.dataDir };
}

/** Opens the database, runs migrations and builds the server; listening and the worker are the caller's choice. */
export async function openApp(options: OpenAppOptions): Promise<App> {
  const { config, logger } = options;
  const masterKey = resolveMasterKey(config, (message) => logger.warn(message));
  const database = options.database ?? (await createDatabase(databaseTarget(config, logger)));
  try {
    if (!options.database) {
      const applied = await migrateToLatest(database.db);
      if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    }
    const now = options.now ?? (() => new Date());
    const deps: AppDeps = {
      config,
      db: database.db,
      dbKind: database.kind,
      keyring: new Keyring(masterKey),
      logger,
      keys: { csrf: deriveKey(masterKey, 'csrf'), rateLimit: deriveKey(masterKey, 'rate-limit'), tokens: deriveKey(masterKey, 'tokens'), abuseIdentifiers: deriveKey(masterKey, 'abuse-identifiers') },
      now,
      adapters: createLocalAdapters(config, masterKey, now),
    };
    const server = await createServer(deps);
    return {
      deps,
      server,
      database,
      close: async () => {
        await server.app.close();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
