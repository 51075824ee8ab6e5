import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAsClient, createTestApiClient } from '../api-clients/api-clients.test-helpers.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { newSubject, recordTestConsent } from './consent-decisions.test-helpers.js';

const marketing = { purpose: 'dpv:DirectMarketing', channel: 'email' as const };
const contractBasis = 'legal_basis:https://w3id.org/dpv/legal/eu/gdpr#A6-1-b';

describe.each(databaseKinds)('the decision API (%s)', (kind) => {
  let t: TestApp;
  let key: string;
  const decide = (body: unknown) => callAsClient(t, key, 'POST', '/api/v1/decisions', body);
  const batch = (body: unknown) => callAsClient(t, key, 'POST', '/api/v1/decisions/batch', body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    key = (await createTestApiClient(t, ['consent:read'])).key;
  }, 60_000);
  afterAll(async () => t?.close());

  it('allows a consent-based purpose only while consent is given, naming the ledger record', async () => {
    const subjectId = await newSubject(t.database.db);
    const none = (await (await decide({ subjectId, ...marketing })).json()) as Record<string, unknown>;
    expect(none).toMatchObject({ decision: 'deny', reason: 'consent:no_record', recordId: null });
    expect(Number.isNaN(Date.parse(String(none['evaluatedAt'])))).toBe(false);
    const given = await recordTestConsent(t.database.db, { subjectId, ...marketing, status: 'given', method: 'account_form' });
    expect(await (await decide({ subjectId, ...marketing })).json()).toMatchObject({ decision: 'allow', reason: 'consent:given', recordId: given });
    expect(await (await decide({ subjectId, purpose: 'dpv:DirectMarketing', channel: 'sms' })).json()).toMatchObject({ decision: 'deny' });
    const withdrawn = await recordTestConsent(t.database.db, { subjectId, ...marketing, status: 'withdrawn', method: 'unsubscribe_link' });
    expect(await (await decide({ subjectId, ...marketing })).json()).toMatchObject({ decision: 'deny', reason: 'consent:withdrawn', recordId: withdrawn });
  });

  it('allows a purpose that rests on another legal basis, by the register, and denies unknown purposes without consent', async () => {
    const subjectId = await newSubject(t.database.db);
    expect(await (await decide({ subjectId, purpose: 'dpv:ServiceProvision' })).json()).toMatchObject({ decision: 'allow', reason: contractBasis, recordId: null });
    expect(await (await decide({ subjectId, purpose: 'service-provision' })).json()).toMatchObject({ decision: 'allow', reason: contractBasis });
    expect(await (await decide({ subjectId, purpose: 'custodian:cookies-analytics' })).json()).toMatchObject({ decision: 'deny', reason: 'consent:no_record' });
  });

  it('answers a batch in the order asked', async () => {
    const [a, b] = [await newSubject(t.database.db), await newSubject(t.database.db)];
    const givenB = await recordTestConsent(t.database.db, { subjectId: b, ...marketing, status: 'given', method: 'account_form' });
    const items = [{ subjectId: a, ...marketing }, { subjectId: b, ...marketing }, { subjectId: a, purpose: 'dpv:ServiceProvision' }, { subjectId: b, ...marketing }];
    const response = await batch({ items });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ decision: string; recordId: string | null; reason: string }> };
    expect(results.map((r) => [r.decision, r.recordId])).toEqual([['deny', null], ['allow', givenB], ['allow', null], ['allow', givenB]]);
    expect(results[2]?.reason).toBe(contractBasis);
  });

  it('takes 500 items in a batch and refuses 501 or none with 400', async () => {
    const subjectId = await newSubject(t.database.db);
    const item = { subjectId, purpose: 'dpv:ServiceProvision' };
    const full = await batch({ items: Array.from({ length: 500 }, () => item) });
    expect(full.status).toBe(200);
    expect(((await full.json()) as { results: unknown[] }).results).toHaveLength(500);
    expect((await batch({ items: Array.from({ length: 501 }, () => item) })).status).toBe(400);
    expect((await batch({ items: [] })).status).toBe(400);
  });

  it('refuses bad input with 400', async () => {
    const subjectId = await newSubject(t.database.db);
    for (const body of [{}, { subjectId: 'not-a-uuid', purpose: 'dpv:DirectMarketing' }, { subjectId, purpose: '' }, { subjectId, purpose: 'dpv:DirectMarketing', channel: 'pigeon' }, { subjectId, purpose: 'x'.repeat(201) }]) {
      expect((await decide(body)).status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await batch({ items: [{ subjectId }] })).status).toBe(400);
  });

  it('answers 401 without a key', async () => {
    const response = await t.client().request('POST', '/api/v1/decisions', { json: { subjectId: '00000000-0000-4000-8000-000000000001', purpose: 'dpv:DirectMarketing' } });
    expect(response.status).toBe(401);
  });
});
