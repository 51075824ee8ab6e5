import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApiClient } from '../api-clients/api-clients.test-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { newSubject, recordTestConsent, startSecondApp } from './consent-decisions.test-helpers.js';

const marketing = { purpose: 'dpv:DirectMarketing', channel: 'email' as const };

/** Two app processes' worth of pools and servers over one PostgreSQL: no instance may answer from stale state. */
describe('decisions across app instances (postgres)', () => {
  let first: TestApp;
  let second: Awaited<ReturnType<typeof startSecondApp>>;
  let key: string;

  beforeAll(async () => {
    first = await startTestApp('postgres');
    second = await startSecondApp(first);
    key = (await createTestApiClient(first, ['consent:read'])).key;
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const decideOn = async (baseUrl: string, subjectId: string) => {
    const response = await fetch(`${baseUrl}/api/v1/decisions`, { method: 'POST', headers: { ...bearer(key), 'content-type': 'application/json' }, body: JSON.stringify({ subjectId, ...marketing }) });
    expect(response.status).toBe(200);
    return (await response.json()) as { decision: string; reason: string; recordId: string | null };
  };

  it('answers deny on the second instance on the very next request after the first one records a withdrawal', async () => {
    const subjectId = await newSubject(first.database.db);
    const given = await recordTestConsent(first.database.db, { subjectId, ...marketing, status: 'given', method: 'account_form' });
    // Both instances have answered (and would have cached, if they cached) the given consent.
    expect(await decideOn(second.baseUrl, subjectId)).toMatchObject({ decision: 'allow', recordId: given });
    expect(await decideOn(first.baseUrl, subjectId)).toMatchObject({ decision: 'allow', recordId: given });
    // Withdrawn through pool A (the first instance's database handle)...
    const withdrawn = await recordTestConsent(first.database.db, { subjectId, ...marketing, status: 'withdrawn', method: 'unsubscribe_link' });
    // ...and the second instance, with its own pool, denies on its very next request.
    expect(await decideOn(second.baseUrl, subjectId)).toEqual(expect.objectContaining({ decision: 'deny', reason: 'consent:withdrawn', recordId: withdrawn }));
    expect(second.app.deps.db).not.toBe(first.app.deps.db);
  });
});
