import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, systemContext } from '../context/request-context.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import * as store from './consent.store.js';
import { consentState } from './consent-state.js';
import { linkBrowserToSubject, noticeTextHash, recordConsent, type RecordConsentInput } from './record-consent.js';

const notice = { noticeVersion: 'unpublished', noticeTextHash: noticeTextHash('the notice shown') };
const marketing = { purpose: 'dpv:DirectMarketing', channel: 'email' as const };

describe('the consent store', () => {
  it('has no update or delete path: it exports inserts and selects only', () => {
    const names = Object.keys(store).sort();
    expect(names).toEqual(['insertConsentRecord', 'selectConsentRecordsOfSubject', 'selectLatestConsentRecord', 'selectSubjectExists', 'selectUnlinkedConsentRecordsOfBrowser']);
    expect(names.filter((n) => !/^(insert|select)/.test(n))).toEqual([]);
  });
});

describe.each(databaseKinds)('the consent ledger (%s)', (kind) => {
  let database: TestDatabase;
  const record = (input: Omit<RecordConsentInput, 'noticeVersion' | 'noticeTextHash'>) =>
    inTransaction(database.db, { ...systemContext('dpv:LegalCompliance'), ip: '192.0.2.0' }, (ctx) => recordConsent(ctx, { ...notice, ...input }));
  const newSubject = async () => (await database.db.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow()).id;
  const now = () => new Date(Date.now() + 60_000);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());

  it('treats silence as refusal, lets the latest record win and lists records newest first', async () => {
    const subjectId = await newSubject();
    expect(await consentState(database.db, { subjectId, ...marketing, now: now() })).toEqual({ allowed: false, reason: 'no_record', recordId: null });
    const given = await record({ subjectId, ...marketing, status: 'given', method: 'account_form' });
    expect(await consentState(database.db, { subjectId, ...marketing, now: now() })).toEqual({ allowed: true, reason: 'given', recordId: given });
    expect((await consentState(database.db, { subjectId, purpose: 'dpv:DirectMarketing', channel: 'sms', now: now() })).allowed).toBe(false);
    const withdrawn = await record({ subjectId, ...marketing, status: 'withdrawn', method: 'unsubscribe_link' });
    expect(await consentState(database.db, { subjectId, ...marketing, now: now() })).toEqual({ allowed: false, reason: 'withdrawn', recordId: withdrawn });
    const rows = await store.selectConsentRecordsOfSubject(database.db, subjectId);
    expect(rows.map((r) => r.id)).toEqual([withdrawn, given]);
    expect(rows[0]).toMatchObject({ status: 'withdrawn', method: 'unsubscribe_link', ip_truncated: '192.0.2.0', notice_version: 'unpublished', notice_text_hash: notice.noticeTextHash });
    const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('subject_id', '=', subjectId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['consent.given', 'consent.withdrawn']);
    expect(audit[0]?.details).toMatchObject({ consentRecordId: given, purpose: 'dpv:DirectMarketing', channel: 'email' });
  });

  it('counts a given consent past its expiry as expired', async () => {
    const subjectId = await newSubject();
    const id = await record({ subjectId, purpose: 'custodian:cookies-analytics', status: 'given', method: 'banner', expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await consentState(database.db, { subjectId, purpose: 'custodian:cookies-analytics', now: new Date() })).allowed).toBe(true);
    expect(await consentState(database.db, { subjectId, purpose: 'custodian:cookies-analytics', now: new Date(Date.now() + 7_200_000) })).toEqual({ allowed: false, reason: 'expired', recordId: id });
  });

  it('refuses a record without a subject or browser, or without a proper notice hash, and writes nothing', async () => {
    await expect(record({ purpose: 'dpv:DirectMarketing', status: 'given', method: 'api' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const subjectId = await newSubject();
    await expect(inTransaction(database.db, systemContext('dpv:LegalCompliance'), (ctx) => recordConsent(ctx, { subjectId, purpose: 'dpv:DirectMarketing', status: 'given', method: 'api', noticeVersion: 'v1', noticeTextHash: 'not-a-hash' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await store.selectConsentRecordsOfSubject(database.db, subjectId)).toEqual([]);
  });

  it('links a browser’s choices to the person who signs in, by appending copies, once', async () => {
    const browserId = `browser-${crypto.randomUUID()}`;
    const subjectId = await newSubject();
    const original = await record({ browserId, purpose: 'custodian:cookies-analytics', status: 'given', method: 'banner' });
    expect((await consentState(database.db, { subjectId, purpose: 'custodian:cookies-analytics', now: now() })).allowed).toBe(false);
    expect(await inTransaction(database.db, systemContext('dpv:LegalCompliance'), (ctx) => linkBrowserToSubject(ctx.trx, browserId, subjectId))).toBe(1);
    expect(await inTransaction(database.db, systemContext('dpv:LegalCompliance'), (ctx) => linkBrowserToSubject(ctx.trx, browserId, subjectId))).toBe(0);
    const rows = await store.selectConsentRecordsOfSubject(database.db, subjectId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: 'import', status: 'given', evidence: { linkedFrom: original, originalMethod: 'banner' } });
    const originalRow = await database.db.selectFrom('consent_records').selectAll().where('id', '=', original).executeTakeFirstOrThrow();
    expect(originalRow.subject_id).toBeNull();
    expect((await consentState(database.db, { subjectId, purpose: 'custodian:cookies-analytics', now: now() })).allowed).toBe(true);
  });
});
