import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified } from '../../test/auth-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { choiceCookieName, parseChoice } from './consent-choice.js';

describe.each(databaseKinds)('a visitor\'s cookie choices join their account at sign-in (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  const recordsOf = (column: 'browser_id' | 'subject_id', value: string) =>
    t.app.deps.db.selectFrom('consent_records').select(['purpose', 'status', 'method', 'subject_id', 'browser_id']).where(column, '=', value).orderBy('seq').execute();

  it('copies the browser\'s records to the subject after a full sign-in, and not after a failed one', async () => {
    const client = t.client();
    const account = await signUpVerified(t, client);
    expect((await client.postForm('/sign-out', {})).status).toBe(200);
    await client.get('/privacy');
    expect((await client.postForm('/consent/cookies', { choice: 'reject-all', return: '/' })).status).toBe(303);
    const browserId = parseChoice(client.cookies.get(choiceCookieName))!.browserId;
    expect(await recordsOf('browser_id', browserId)).toHaveLength(3);

    expect((await signIn(client, account.email, 'not the password at all')).status).toBe(401);
    expect((await recordsOf('subject_id', account.subjectId)).filter((r) => r.method === 'import')).toEqual([]);

    expect((await signIn(client, account.email, account.password)).status).toBe(303);
    const linked = (await recordsOf('subject_id', account.subjectId)).filter((r) => r.method === 'import');
    expect(linked.map((r) => [r.purpose, r.status])).toEqual([
      ['custodian:cookies-preferences', 'refused'],
      ['custodian:cookies-analytics', 'refused'],
      ['custodian:cookies-marketing', 'refused'],
    ]);
    expect(linked.every((r) => r.browser_id === browserId)).toBe(true);

    // Signing in again links nothing twice.
    expect((await client.postForm('/sign-out', {})).status).toBe(200);
    expect((await signIn(client, account.email, account.password)).status).toBe(303);
    expect((await recordsOf('subject_id', account.subjectId)).filter((r) => r.method === 'import')).toHaveLength(3);
  });
});
