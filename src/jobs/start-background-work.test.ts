import { createLocalAdapters } from '../app/local-adapters.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadConfig } from '../config/load-config.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { retentionSweepKind } from '../retention/sweep-retention.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { testMasterKey } from '../../test/test-app.js';
import { startBackgroundWork } from './start-background-work.js';

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

describe.each(databaseKinds)('startBackgroundWork (%s)', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bg-'));
  });
  afterAll(async () => {
    await database.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers queued email and runs the hourly retention sweep until stopped', async () => {
    const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, CUSTODIAN_DATA_DIR: dataDir });
    const keyring = new Keyring(Buffer.from(testMasterKey, 'base64'));
    const emailId = await inTransaction(database.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
      const { id } = await ctx.trx.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow();
      await keyring.createSubjectKey(ctx.trx, id);
      return enqueueEmail(ctx, keyring, { subjectId: id, messageClass: 'service', template: 'test.hello', message: { to: 'lin@example.test', subject: 'Hello', text: 'Hi.' } });
    });
    const background = startBackgroundWork({ config, db: database.db, keyring, logger: createLogger('silent'), now: () => new Date(Date.now() + 1000), adapters: createLocalAdapters(config, Buffer.from(testMasterKey, 'base64'), () => new Date()) }, { pollIntervalMs: 20 });
    try {
      await eventually(async () => fs.existsSync(path.join(dataDir, 'mail', `${emailId}.eml`)), 'email file written');
      await eventually(async () => {
        const sweep = await database.db.selectFrom('jobs').select('status').where('kind', '=', retentionSweepKind).executeTakeFirst();
        return sweep?.status === 'done';
      }, 'retention sweep done');
    } finally {
      await background.stop();
    }
    const sweeps = await database.db.selectFrom('jobs').select('dedupe_key').where('kind', '=', retentionSweepKind).execute();
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]?.dedupe_key).toMatch(/^retention\.sweep:\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
    const actions = await database.db.selectFrom('audit_events').select('action').where('action', 'in', ['email.sent', 'retention.swept']).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['email.sent', 'retention.swept']);
  });
});
