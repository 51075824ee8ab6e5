import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { recordAuditEvent } from './record-audit-event.js';
import { verifyAuditChain } from './verify-audit-chain.js';

describe.each(databaseKinds)('audit trail (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    for (let i = 0; i < 5; i++) {
      await inTransaction(database.db, systemContext('dpv:LegalCompliance'), (ctx) =>
        recordAuditEvent(ctx, { action: 'test.event', subjectId: null, details: { n: i, tags: ['a', 'b'] } }),
      );
    }
  });
  afterAll(async () => database.dispose());

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(database.db, 2)).toEqual({ ok: true, entries: 5 });
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      inTransaction(database.db, systemContext('dpv:LegalCompliance'), async (ctx) => {
        await recordAuditEvent(ctx, { action: 'test.rolled_back', subjectId: null });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const count = await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it('names the entry edited by SQL', async () => {
    await sql`update audit_events set action = 'test.forged' where seq = 3`.execute(database.db);
    const verdict = await verifyAuditChain(database.db, 2);
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'altered' });
  });

  it('names an edited entry whose hash was recomputed, by the broken link after it', async () => {
    const row = await database.db.selectFrom('audit_events').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const { auditEntryHash } = await import('./audit-hash.js');
    await sql`update audit_events set hash = ${auditEntryHash(row)} where seq = 3`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'rehashed' });
  });
});
