import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';

export const databaseKinds = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

export interface TestDatabase extends DatabaseHandle {
  /** For PostgreSQL: the URL of this test's own database (for a second process or pool). */
  readonly url: string | null;
  dispose(): Promise<void>;
}

/** A fresh, migrated database of the given kind; each call gets its own, so test files run in parallel. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await createDatabase({ kind: 'pglite-memory' });
    await migrateToLatest(handle.db);
    return { ...handle, url: null, dispose: () => handle.close() };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `custodian_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = await createDatabase({ kind: 'postgres', url, maxConnections: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    dispose: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
