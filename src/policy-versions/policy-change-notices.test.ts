import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import type { DatabaseKind } from '../../test/test-database.js';
import { bodyField } from '../account-messages/post-account-message.js';
import { notifyPolicyChangeBatch } from './notify-policy-change.js';
import { editRegister, insertBulkAccounts, publish, runJobsUntilIdle, staffClient, withProcessor } from './policy-versions.test-helpers.js';

/**
 * The full 10,000 on PostgreSQL (about 30 s of batches; no timing is asserted); the embedded
 * database runs the same batches over 2,000, which keeps the whole suite's time in budget.
 */
const cases: ReadonlyArray<{ kind: DatabaseKind; accounts: number }> = [
  { kind: 'postgres', accounts: 10_000 },
  { kind: 'pglite', accounts: 2_000 },
];

describe.each(cases)('change notices to $accounts accounts ($kind)', ({ kind, accounts }) => {
  let t: TestApp;
  let officer: HttpClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await staffClient(t, 'privacy_officer');
    await insertBulkAccounts(t, accounts);
  }, 180_000);
  afterAll(async () => t?.close());

  const progressOnConsole = async () => {
    const page = await (await officer.get('/console/privacy/versions')).text();
    const match = /<tr data-version="2">[\s\S]*?<td class="progress">(\d+) \/ (\d+)<\/td><td class="status">([^<]+)<\/td>/.exec(page);
    if (!match) throw new Error('version 2 is not on the console page');
    return { done: Number(match[1]), total: Number(match[2]), status: match[3] };
  };

  it(`gives each of ${accounts} accounts exactly one message and one email, in batches, while the site keeps answering`, async () => {
    await publish(officer);
    await editRegister(officer, withProcessor('Acme Mail Relay GmbH'));
    const published = await publish(officer);
    expect(published).toMatchObject({ version: 2, notifyStatus: 'queued', notifyTotal: accounts });
    expect(await progressOnConsole()).toEqual({ done: 0, total: accounts, status: 'queued' });

    const seen: number[] = [];
    const visitor = t.client();
    const passes = await runJobsUntilIdle(t, async () => {
      const [health, privacy, progress] = await Promise.all([visitor.request('GET', '/healthz'), visitor.get('/privacy'), progressOnConsole()]);
      expect(health.status).toBe(200);
      expect(privacy.status).toBe(200);
      seen.push(progress.done);
    });
    expect(passes).toBe(Math.ceil(accounts / 200) + (accounts % 200 === 0 ? 1 : 0));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((done) => done > 0 && done < accounts)).toBe(true);
    expect(await progressOnConsole()).toEqual({ done: accounts, total: accounts, status: 'done' });

    const { db } = t.app.deps;
    const perAccount = await db.selectFrom('account_messages').select(['account_id', (eb) => eb.fn.countAll<string>().as('n')]).where('category', '=', 'policy_change').groupBy('account_id').execute();
    expect(perAccount.length).toBe(accounts);
    expect(perAccount.every((row) => Number(row.n) === 1)).toBe(true);
    const perSubject = await db.selectFrom('outbox_emails').select(['subject_id', (eb) => eb.fn.countAll<string>().as('n')]).where('template', '=', 'policy.change_notice').groupBy('subject_id').execute();
    expect(perSubject.length).toBe(accounts);
    expect(perSubject.every((row) => Number(row.n) === 1)).toBe(true);

    const sample = await db.selectFrom('account_messages').select(['subject_id', 'body_enc']).where('category', '=', 'policy_change').limit(1).executeTakeFirstOrThrow();
    const body = (await t.app.deps.keyring.forSubject(db, sample.subject_id)).decrypt(sample.body_enc, bodyField);
    expect(body).toContain('Acme Mail Relay GmbH');
    expect(body).toContain('/privacy/versions/diff?from=1&to=2');

    // A retried first batch (its job ran again after a crash) tells nobody twice.
    const version = await db.selectFrom('policy_versions').select('id').where('version', '=', 2).executeTakeFirstOrThrow();
    await db.updateTable('policy_versions').set({ notify_status: 'running' }).where('id', '=', version.id).execute();
    await notifyPolicyChangeBatch(t.app.deps, { payload: { versionId: version.id, after: null } });
    const messages = await db.selectFrom('account_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const emails = await db.selectFrom('outbox_emails').select((eb) => eb.fn.countAll<string>().as('n')).where('template', '=', 'policy.change_notice').executeTakeFirstOrThrow();
    expect(Number(messages.n)).toBe(accounts);
    expect(Number(emails.n)).toBe(accounts);
  }, 600_000);
});
