import { openApp, type App } from '../app/app.js';
import { createLogger } from '../app/logger.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { createDatabase } from '../db/create-database.js';
import { noticeTextHash, recordConsent, type RecordConsentInput } from '../consent/record-consent.js';
import type { TestApp } from '../../test/test-app.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';

/**
 * A second app instance over the same PostgreSQL database as `first`, with its own connection pool
 * and its own server on its own port: what a second `custodian start` process looks like.
 */
export async function startSecondApp(first: TestApp): Promise<{ app: App; baseUrl: string; close(): Promise<void> }> {
  if (!first.database.url) throw new Error('A second app needs a PostgreSQL database URL');
  const database = await createDatabase({ kind: 'postgres', url: first.database.url, maxConnections: 5 });
  const app = await openApp({ config: first.config, logger: createLogger('silent'), database });
  const baseUrl = await app.server.app.listen({ port: 0, host: '127.0.0.1' });
  app.server.markReady();
  return { app, baseUrl, close: async () => { await app.close(); await database.close(); } };
}

export async function newSubject(db: Kysely<Database>): Promise<string> {
  return (await db.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Records a choice through the ledger's use case, as the consent pages do. */
export function recordTestConsent(db: Kysely<Database>, input: Omit<RecordConsentInput, 'noticeVersion' | 'noticeTextHash'>): Promise<string> {
  return inTransaction(db, systemContext('dpv:LegalCompliance'), (ctx) => recordConsent(ctx, { noticeVersion: 'v1', noticeTextHash: noticeTextHash('notice'), ...input }));
}
