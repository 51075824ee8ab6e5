import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { describeError } from './backoff.js';
import { enqueueJob, JobPayloadRejectedError } from './enqueue-job.js';
import { claimDueJobs, findJob } from './jobs.store.js';
import { periodStart } from './recurring.js';
import { createJobRunner, type JobContext, type WorkerDeps } from './start-worker.js';

const logger = createLogger('silent');

describe.each(databaseKinds)('job queue and worker (%s)', (kind) => {
  let database: TestDatabase;
  let clock: Date;
  let deps: WorkerDeps;
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());
  beforeEach(async () => {
    await database.db.deleteFrom('jobs').execute();
    // A little ahead of the database clock, so jobs enqueued with run_at = now() are due.
    clock = new Date(Date.now() + 1000);
    deps = { db: database.db, logger, now: () => clock };
  });

  it('runs a due job once and marks it done', async () => {
    const seen: JobContext[] = [];
    const id = await enqueueJob(database.db, { kind: 'test.ok', payload: { accountId: 'a1b2', count: 3 } });
    const runner = createJobRunner(deps, { 'test.ok': async (job) => void seen.push(job) });
    expect(await runner.runOnce()).toBe(1);
    expect(await runner.runOnce()).toBe(0);
    expect(seen.map((j) => [j.id, j.payload, j.attempt])).toEqual([[id, { accountId: 'a1b2', count: 3 }, 1]]);
    const row = await findJob(database.db, id!);
    expect(row).toMatchObject({ status: 'done', locked_by: null, locked_until: null, last_error: null });
    expect(row?.finished_at).toBeInstanceOf(Date);
  });

  it('does not run a job before its run_at', async () => {
    await enqueueJob(database.db, { kind: 'test.ok', payload: {}, runAt: new Date(clock.getTime() + 60_000) });
    const runner = createJobRunner(deps, { 'test.ok': async () => {} });
    expect(await runner.runOnce()).toBe(0);
    advance(60_000);
    expect(await runner.runOnce()).toBe(1);
  });

  it('retries with capped exponential backoff, then fails after max attempts with the error class and message', async () => {
    const id = (await enqueueJob(database.db, { kind: 'test.boom', payload: {}, maxAttempts: 4 }))!;
    let calls = 0;
    const runner = createJobRunner(deps, { 'test.boom': async () => { calls++; throw new TypeError('boom'); } }, { backoff: { baseMs: 1000, capMs: 3000 }, random: () => 1 });
    const expectedDelays = [1000, 2000, 3000];
    for (const delay of expectedDelays) {
      const attemptedAt = clock;
      expect(await runner.runOnce()).toBe(1);
      const row = await findJob(database.db, id);
      expect(row).toMatchObject({ status: 'queued', last_error: 'TypeError: boom', locked_by: null });
      expect(row?.run_at.getTime()).toBe(attemptedAt.getTime() + delay);
      advance(delay - 1);
      expect(await runner.runOnce()).toBe(0);
      advance(1);
    }
    expect(await runner.runOnce()).toBe(1);
    const row = await findJob(database.db, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 4, last_error: 'TypeError: boom' });
    expect(row?.finished_at).toBeInstanceOf(Date);
    advance(24 * 3600_000);
    expect(await runner.runOnce()).toBe(0);
    expect(calls).toBe(4);
  });

  it('makes a job whose lease expired (crashed worker) claimable again', async () => {
    const id = (await enqueueJob(database.db, { kind: 'test.ok', payload: {} }))!;
    const leaseMs = 30_000;
    // The crashed worker: it claimed the job and never reported back.
    const stolen = await claimDueJobs(database.db, 'crashed-worker', clock, new Date(clock.getTime() + leaseMs), 10);
    expect(stolen.map((j) => j.id)).toEqual([id]);
    const attempts: number[] = [];
    const runner = createJobRunner(deps, { 'test.ok': async (job) => void attempts.push(job.attempt) }, { leaseMs });
    expect(await runner.runOnce()).toBe(0);
    advance(leaseMs + 1);
    expect(await runner.runOnce()).toBe(1);
    expect(attempts).toEqual([2]);
    expect(await findJob(database.db, id)).toMatchObject({ status: 'done', locked_by: null });
  });

  it('fails a job whose lease expired on its last attempt instead of running it again', async () => {
    const id = (await enqueueJob(database.db, { kind: 'test.ok', payload: {}, maxAttempts: 1 }))!;
    await claimDueJobs(database.db, 'crashed-worker', clock, new Date(clock.getTime() + 1000), 10);
    let ran = false;
    advance(1001);
    expect(await createJobRunner(deps, { 'test.ok': async () => void (ran = true) }).runOnce()).toBe(1);
    expect(ran).toBe(false);
    expect(await findJob(database.db, id)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^LeaseExpired/) });
  });

  it('creates one job per dedupe key', async () => {
    const first = await enqueueJob(database.db, { kind: 'test.ok', payload: {}, dedupeKey: 'k-1' });
    const second = await enqueueJob(database.db, { kind: 'test.ok', payload: {}, dedupeKey: 'k-1' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    const rows = await database.db.selectFrom('jobs').select('id').where('dedupe_key', '=', 'k-1').execute();
    expect(rows).toEqual([{ id: first }]);
  });

  it('schedules each recurring period once, however many workers poll', async () => {
    const runs: string[] = [];
    const handlers = { 'test.tick': async (job: JobContext) => void runs.push(String(job.payload['periodStart'])) };
    const recurring = [{ kind: 'test.tick', every: 'PT1H' }];
    const a = createJobRunner(deps, handlers, { workerId: 'a', recurring });
    const b = createJobRunner(deps, handlers, { workerId: 'b', recurring });
    await a.runOnce();
    await b.runOnce();
    await a.runOnce();
    advance(3600_000);
    await b.runOnce();
    await a.runOnce();
    const first = periodStart('PT1H', new Date(clock.getTime() - 3600_000)).toISOString();
    const second = periodStart('PT1H', clock).toISOString();
    expect(runs).toEqual([first, second]);
    const keys = await database.db.selectFrom('jobs').select('dedupe_key').orderBy('dedupe_key').execute();
    expect(keys.map((k) => k.dedupe_key)).toEqual([`test.tick:${first}`, `test.tick:${second}`]);
  });

  it('refuses payload values that could be personal data, and writes nothing', async () => {
    await expect(enqueueJob(database.db, { kind: 'test.ok', payload: { to: 'ada@example.com' } })).rejects.toBeInstanceOf(JobPayloadRejectedError);
    await expect(enqueueJob(database.db, { kind: 'test.ok', payload: { note: 'x'.repeat(201) } })).rejects.toThrow(/"note" is longer than 200/);
    await expect(enqueueJob(database.db, { kind: 'test.ok', payload: { nested: { a: 1 } } as never })).rejects.toBeInstanceOf(JobPayloadRejectedError);
    expect(await database.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('retries a job of a kind without a handler, recording why', async () => {
    const id = (await enqueueJob(database.db, { kind: 'test.unknown', payload: {} }))!;
    await createJobRunner(deps, {}).runOnce();
    expect(await findJob(database.db, id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'Error: No handler for job kind test.unknown' });
  });
});

describe('describeError', () => {
  it('keeps class and message but masks anything shaped like an address', () => {
    expect(describeError(new RangeError('550 5.1.1 <bob.smith@example.com>: unknown'))).toBe('RangeError: 550 5.1.1 <[address]>: unknown');
    expect(describeError('plain')).toBe('NonError: plain');
  });
});
