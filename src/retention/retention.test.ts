import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadConfig } from '../config/load-config.js';
import { dataMap } from '../datamap/datamap.registry.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { testMasterKey } from '../../test/test-app.js';
import { planRetention } from './retention-plan.js';
import { deleteRowsBefore } from './retention.store.js';
import { subtractDuration } from './subtract-duration.js';
import { sweepRetention } from './sweep-retention.js';

const day = 24 * 3600_000;

describe('subtractDuration', () => {
  it('counts calendar months back, clamping to the last day of a shorter month', () => {
    expect(subtractDuration(new Date('2024-03-31T10:00:00Z'), 'P1M').toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(subtractDuration(new Date('2024-02-29T00:00:00Z'), 'P1Y').toISOString()).toBe('2023-02-28T00:00:00.000Z');
    expect(subtractDuration(new Date('2024-01-10T00:00:00Z'), 'P1W2DT3H').toISOString()).toBe('2023-12-31T21:00:00.000Z');
    expect(() => subtractDuration(new Date(), '30 days')).toThrow(/ISO-8601/);
  });
});

describe('retention plan', () => {
  it('is derived from every "after" rule of the data map, with config periods resolved, and skips the audit chain', () => {
    const config = loadConfig({ CUSTODIAN_RETENTION_SIGN_IN_EVENTS: 'P30D' });
    const now = new Date('2025-06-15T12:00:00Z');
    const { steps, skipped } = planRetention(dataMap, config.retention, now);
    const expected = dataMap.filter((d) => d.retention.kind === 'after' && d.table !== 'audit_events').map((d) => d.table);
    expect(steps.map((s) => s.table).sort()).toEqual(expected.sort());
    expect(steps.find((s) => s.table === 'sign_in_events')).toMatchObject({ column: 'occurred_at', period: 'P30D', cutoff: new Date('2025-05-16T12:00:00Z') });
    expect(steps.find((s) => s.table === 'sessions')).toMatchObject({ column: 'expires_at', period: 'P1D' });
    expect(skipped).toEqual(['audit_events']);
  });

  it('refuses identifiers that are not plain names', async () => {
    await expect(deleteRowsBefore(null as never, 'sessions; drop table subjects', 'expires_at', new Date())).rejects.toThrow(/unsafe identifier/);
    await expect(deleteRowsBefore(null as never, 'sessions', 'expires_at"', new Date())).rejects.toThrow(/unsafe identifier/);
  });
});

describe.each(databaseKinds)('retention sweep (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());

  it('deletes rows past their declared period, keeps younger ones, and audits the counts', async () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const db = database.db;
    const session = (expiresAt: Date) => ({ token_hash: randomBytes(32), principal_kind: 'account' as const, principal_id: randomUUID(), second_factor_verified: false, expires_at: expiresAt });
    const signIn = (at: Date) => ({ principal_kind: 'account' as const, principal_id: randomUUID(), outcome: 'success' as const, occurred_at: at });
    // sessions: ISO period P1D after expires_at
    await db.insertInto('sessions').values([session(ago(2 * day)), session(ago(day / 2)), session(new Date(now.getTime() + day))]).execute();
    // sign_in_events: the configured period (P30D here, default 90 days)
    const [oldSignIn] = await db.insertInto('sign_in_events').values([signIn(ago(31 * day)), signIn(ago(29 * day))]).returning('id').execute();
    await db.insertInto('rate_limits').values([
      { bucket_key: 'old', window_started_at: ago(2 * day), hits: 3 },
      { bucket_key: 'new', window_started_at: ago(3600_000), hits: 1 },
    ]).execute();
    await db.insertInto('jobs').values([
      { kind: 'old.done', payload: JSON.stringify({}) as never, status: 'done', finished_at: ago(8 * day) },
      { kind: 'old.failed', payload: JSON.stringify({}) as never, status: 'failed', finished_at: ago(8 * day) },
      { kind: 'recent.done', payload: JSON.stringify({}) as never, status: 'done', finished_at: ago(6 * day) },
      { kind: 'old.queued', payload: JSON.stringify({}) as never, run_at: ago(30 * day) },
    ]).execute();
    const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, CUSTODIAN_RETENTION_SIGN_IN_EVENTS: 'P30D' });

    const counts = await sweepRetention({ db, config, logger: createLogger('silent'), now: () => now });

    // Every table with an "after" rule is swept; only the rows seeded above were old enough.
    const afterTables = dataMap.filter((d) => d.retention.kind === 'after' && d.table !== 'audit_events').map((d) => d.table);
    expect(Object.keys(counts)).toEqual(expect.arrayContaining([...afterTables, 'jobs', 'rate_limits']));
    const everyTableNone = Object.fromEntries(Object.keys(counts).map((table) => [table, 0]));
    expect(counts).toEqual({ ...everyTableNone, sessions: 1, sign_in_events: 1, rate_limits: 1, jobs: 2 });
    expect(await db.selectFrom('sessions').select('expires_at').orderBy('expires_at').execute()).toEqual([{ expires_at: ago(day / 2) }, { expires_at: new Date(now.getTime() + day) }]);
    const signIns = await db.selectFrom('sign_in_events').select(['id', 'occurred_at']).execute();
    expect(signIns.map((s) => s.occurred_at)).toEqual([ago(29 * day)]);
    expect(signIns.map((s) => s.id)).not.toContain(oldSignIn?.id);
    expect(await db.selectFrom('rate_limits').select('bucket_key').execute()).toEqual([{ bucket_key: 'new' }]);
    expect((await db.selectFrom('jobs').select('kind').orderBy('kind').execute()).map((j) => j.kind)).toEqual(['old.queued', 'recent.done']);
    const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'retention.swept').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'system', subject_id: null, purpose: 'dpv:LegalCompliance', details: { ...counts, skipped: ['audit_events'] } });

    // Idempotent: a second sweep finds nothing more to delete.
    expect(await sweepRetention({ db, config, logger: createLogger('silent'), now: () => now })).toEqual(everyTableNone);
  });
});
