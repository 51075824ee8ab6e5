import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { createDatabase, type DatabaseHandle } from '../db/create-database.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { enqueueJob } from './enqueue-job.js';
import { findJob } from './jobs.store.js';
import { startWorker } from './start-worker.js';

const logger = createLogger('silent');

/** Waits for a condition the system under test must reach; only a deadlock makes it time out. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

describe.each(databaseKinds)('startWorker (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());

  it('processes jobs in the background, and stop() waits for the handler that is running', async () => {
    const quick = (await enqueueJob(database.db, { kind: 'test.quick', payload: {} }))!;
    const slow = (await enqueueJob(database.db, { kind: 'test.slow', payload: {} }))!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slowStarted = false;
    let stopResolved = false;
    let stopResolvedWhileRunning: boolean | null = null;
    const worker = startWorker({ db: database.db, logger, now: () => new Date(Date.now() + 1000) }, {
      'test.quick': async () => {},
      'test.slow': async () => {
        slowStarted = true;
        await gate;
        stopResolvedWhileRunning = stopResolved;
      },
    }, { pollIntervalMs: 20 });
    await eventually(async () => slowStarted, 'slow job started');
    const stopping = worker.stop().then(() => void (stopResolved = true));
    // Give a stop() that did not wait every chance to resolve before the handler finishes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await stopping;
    expect(stopResolvedWhileRunning).toBe(false);
    expect((await findJob(database.db, slow))?.status).toBe('done');
    expect((await findJob(database.db, quick))?.status).toBe('done');
  });
});

describe('two workers on one PostgreSQL database (PostgreSQL only: PGlite is single-process)', () => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    second = await createDatabase({ kind: 'postgres', url: database.url!, maxConnections: 5 });
  });
  afterAll(async () => {
    await second.close();
    await database.dispose();
  });

  it('shares 50 jobs between two pools, each job run exactly once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add((await enqueueJob(database.db, { kind: 'test.count', payload: { n: i } }))!);
    const runs: Array<{ worker: string; id: string }> = [];
    const handlerFor = (worker: string) => async (job: { id: string }) => {
      runs.push({ worker, id: job.id });
      // Hold the batch a moment so the other worker has to claim around it.
      await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const now = () => new Date(Date.now() + 1000);
    const a = startWorker({ db: database.db, logger, now }, { 'test.count': handlerFor('a') }, { workerId: 'a', pollIntervalMs: 10, batchSize: 3 });
    const b = startWorker({ db: second.db, logger, now }, { 'test.count': handlerFor('b') }, { workerId: 'b', pollIntervalMs: 10, batchSize: 3 });
    await eventually(async () => {
      const open = await database.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute();
      return open.length === 0;
    }, 'all 50 jobs done');
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toHaveLength(50);
    expect(new Set(runs.map((r) => r.id))).toEqual(ids);
    expect(runs.some((r) => r.worker === 'a')).toBe(true);
    expect(runs.some((r) => r.worker === 'b')).toBe(true);
    const attempts = await database.db.selectFrom('jobs').select('attempts').distinct().execute();
    expect(attempts).toEqual([{ attempts: 1 }]);
  });
});
