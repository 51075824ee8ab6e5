import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { editRegister, publish, runJobsUntilIdle, staffClient } from './policy-versions.test-helpers.js';

type Messages = { messages: { title: string; body: string; category: string }[] };

describe.each(databaseKinds)('change notice for a new consent purpose, and acceptance (%s)', (kind) => {
  let t: TestApp;
  let officer: HttpClient;
  let alice: SignedUpAccount;
  let aliceClient: HttpClient;
  let bobClient: HttpClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await staffClient(t, 'privacy_officer');
    aliceClient = t.client();
    alice = await signUpVerified(t, aliceClient);
    bobClient = t.client();
    await signUpVerified(t, bobClient);
    await publish(officer);
    await editRegister(officer, (r) => ({
      ...r,
      purposes: [...r.purposes, {
        id: 'hosting-tips-sms', purpose: 'dpv:CommunicationForCustomerCare', description: 'Tips about your hosting by text message', legalBasis: 'eu-gdpr:A6-1-a',
        dataSubjects: ['dpv:Customer'], requirement: 'none', consequenceOfNotProviding: 'You get no tips; nothing else changes.',
      }],
    }));
    const version = await publish(officer, { requiresAcceptance: true });
    expect(version).toMatchObject({ version: 2, changed: expect.arrayContaining(['purposes', 'rights']), notifyStatus: 'queued', notifyTotal: 2 });
    await runJobsUntilIdle(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('asks for an opt-in to the new consent purpose and records no consent', async () => {
    const { messages } = (await (await aliceClient.api('GET', '/api/v1/account/messages')).json()) as Messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ category: 'policy_change', title: `Our privacy notice changes on ${new Date().toISOString().slice(0, 10)}` });
    expect(messages[0]!.body).toContain('Tips about your hosting by text message');
    expect(messages[0]!.body).toContain('We will only do so if you opt in at /account/privacy. If you do nothing, we take that as a no.');
    expect(messages[0]!.body).toContain('/account/policy');
    const emails = (await readOutbox(t, alice.subjectId)).filter((m) => m.template === 'policy.change_notice');
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: alice.email, messageClass: 'service' });
    expect(emails[0]!.text).toContain(`${t.config.http.publicUrl}/account/privacy`);
    const consent = await t.app.deps.db.selectFrom('consent_records').select('id').where('subject_id', '=', alice.subjectId).execute();
    expect(consent).toEqual([]);
  });

  it('shows the acceptance banner and page, records the acceptance with an audit event, and keeps it the customer\'s own', async () => {
    expect(await (await aliceClient.get('/account/messages')).text()).toContain('<a href="/account/policy">Review and accept</a>');
    const page = await (await aliceClient.get('/account/policy')).text();
    expect(page).toContain('action="/account/policy/accept"');
    expect(page).toContain('name="version" value="2"');
    expect(await (await bobClient.api('GET', '/api/v1/account/policy-acceptance')).json()).toMatchObject({ pending: { version: 2 }, accepted: [] });

    const accepted = await aliceClient.postForm('/account/policy/accept', { version: '2' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/account/policy?accepted=2');
    expect(await (await aliceClient.get('/account/policy?accepted=2')).text()).toContain('your acceptance of version 2 is recorded');
    expect(await (await aliceClient.api('GET', '/api/v1/account/policy-acceptance')).json()).toMatchObject({ pending: null, accepted: [{ version: 2 }] });
    expect(await (await aliceClient.get('/account/messages')).text()).not.toContain('href="/account/policy"');

    // Bob cannot read Alice's acceptance: his own state is all he gets.
    expect(await (await bobClient.api('GET', '/api/v1/account/policy-acceptance')).json()).toMatchObject({ pending: { version: 2 }, accepted: [] });

    const again = await aliceClient.api('POST', '/api/v1/account/policy-acceptance', { version: 2 });
    expect(again.status).toBe(200);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['subject_id', 'details']).where('action', '=', 'policy.version_accepted').execute();
    expect(audit).toEqual([{ subject_id: alice.subjectId, details: { versionId: expect.any(String), version: 2, accountId: alice.accountId } }]);
    const row = await t.app.deps.db.selectFrom('policy_acceptances').select(['account_id', 'ip_truncated']).execute();
    expect(row).toEqual([{ account_id: alice.accountId, ip_truncated: expect.any(String) }]);
  });

  it('refuses versions that need no acceptance, unknown versions, bad input and the anonymous', async () => {
    expect((await bobClient.api('POST', '/api/v1/account/policy-acceptance', { version: 1 })).status).toBe(409);
    expect((await bobClient.api('POST', '/api/v1/account/policy-acceptance', { version: 99 })).status).toBe(404);
    expect((await bobClient.api('POST', '/api/v1/account/policy-acceptance', { version: 'two' })).status).toBe(400);
    expect((await bobClient.postForm('/account/policy/accept', { version: '-1' })).status).toBe(400);
    expect((await t.client().api('GET', '/api/v1/account/policy-acceptance')).status).toBe(401);
    expect((await t.client().api('POST', '/api/v1/account/policy-acceptance', { version: 2 })).status).toBe(401);
  });
});
