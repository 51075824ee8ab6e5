import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGlitePool } from './pglite-pool.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { Database } from './database.types.js';

// int8 (counts, sequence numbers) as numbers, matching PGlite; our values stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export type DatabaseTarget =
  | { kind: 'pglite'; directory: string; lockDir?: string }
  | { kind: 'pglite-memory' }
  | { kind: 'postgres'; url: string; maxConnections?: number; onIdleClientError?: (error: Error) => void };

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export async function createDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10 });
    // An idle connection the server closes (restart, failover, admin termination) is reported on the
    // pool; without a listener node-postgres would crash the process. The pool reconnects on next use.
    pool.on('error', (error) => target.onIdleClientError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const release = target.kind === 'pglite' ? acquireDataDirLock(target.lockDir ?? target.directory) : () => {};
  try {
    const pglite = target.kind === 'pglite' ? new PGlite(target.directory) : new PGlite();
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
