import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callAsClient, createTestApiClient } from '../api-clients/api-clients.test-helpers.js';
import { revokeApiClient } from '../api-clients/manage-api-clients.js';
import { createLogger } from '../app/logger.js';
import { systemContext } from '../context/request-context.js';
import { createJobRunner } from '../jobs/start-worker.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { newSubject, recordTestConsent } from './consent-decisions.test-helpers.js';
import { webhookDeliveryHandler } from './deliver-webhook.js';
import { webhookDeliveryKind } from './notify-consent-changed.js';
import { verifySignature } from './webhook-signature.js';

interface Received { headers: IncomingHttpHeaders; body: string }

/** A real HTTP endpoint on 127.0.0.1 that answers the given statuses in turn (then 200). */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/custodian`, received, server };
}

describe.each(databaseKinds)('consent change webhooks (%s)', (kind) => {
  let t: TestApp;
  let client: { id: string; key: string };
  const servers: Server[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    client = await createTestApiClient(t, ['consent:read', 'consent:webhooks']);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    await t.database.db.updateTable('webhook_subscriptions').set({ active: false }).execute();
  });
  afterAll(async () => t?.close());

  const subscribe = async (url: string) => {
    const response = await callAsClient(t, client.key, 'POST', '/api/v1/webhook-subscriptions', { url, events: ['consent.changed'] });
    expect(response.status).toBe(201);
    return (await response.json()) as { subscription: { id: string }; secret: string };
  };

  it('delivers a change signed with HMAC-SHA256, and retries after a 500', async () => {
    const receiver = await startReceiver([500]);
    servers.push(receiver.server);
    const { subscription, secret } = await subscribe(receiver.url);
    const subjectId = await newSubject(t.database.db);
    const recordId = await recordTestConsent(t.database.db, { subjectId, purpose: 'dpv:DirectMarketing', channel: 'email', status: 'withdrawn', method: 'account_form' });
    const job = await t.database.db.selectFrom('jobs').selectAll().where('kind', '=', webhookDeliveryKind).where('dedupe_key', '=', `webhook:${subscription.id}:${recordId}`).executeTakeFirstOrThrow();
    expect(job.payload).toEqual({ subscriptionId: subscription.id, recordId, subjectId, purpose: 'dpv:DirectMarketing', status: 'withdrawn' });

    let clock = new Date(Date.now() + 1000);
    const runner = createJobRunner({ db: t.database.db, logger: createLogger('silent'), now: () => clock }, { [webhookDeliveryKind]: webhookDeliveryHandler(t.app.deps) }, { backoff: { baseMs: 5000, capMs: 5000 }, random: () => 1 });
    expect(await runner.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect(await t.database.db.selectFrom('jobs').select(['status', 'last_error']).where('id', '=', job.id).executeTakeFirst()).toEqual({ status: 'queued', last_error: expect.stringContaining('answered 500') });
    expect(await runner.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 5000);
    expect(await runner.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(2);
    expect((await t.database.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirst())?.status).toBe('done');

    for (const delivery of receiver.received) {
      expect(verifySignature(secret, delivery.body, String(delivery.headers['custodian-signature']))).toBe(true);
      expect(verifySignature('whsec_wrong', delivery.body, String(delivery.headers['custodian-signature']))).toBe(false);
      expect(String(delivery.headers['custodian-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(JSON.parse(delivery.body)).toEqual({ type: 'consent.changed', id: recordId, data: { subjectId, purpose: 'dpv:DirectMarketing', status: 'withdrawn', recordId } });
    }
  });

  it('refuses a subscription URL that is not http(s), and keeps secrets out of listings', async () => {
    for (const url of ['ftp://127.0.0.1/hook', 'javascript:alert(1)', 'file:///etc/passwd', 'http://user:pw@127.0.0.1/hook', 'not a url']) {
      expect((await callAsClient(t, client.key, 'POST', '/api/v1/webhook-subscriptions', { url })).status, url).toBe(400);
    }
    expect((await callAsClient(t, client.key, 'POST', '/api/v1/webhook-subscriptions', { url: 'https://example.test/h', events: ['consent.deleted'] })).status).toBe(400);
    const { subscription, secret } = await subscribe('https://crm.example.test/hooks');
    const listed = await (await callAsClient(t, client.key, 'GET', '/api/v1/webhook-subscriptions')).text();
    expect(listed).toContain(subscription.id);
    expect(listed).not.toContain(secret);
    const row = await t.database.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', subscription.id).executeTakeFirstOrThrow();
    expect(row.secret_sealed.toString('latin1')).not.toContain(secret);
    const audit = await t.database.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'details']).where('action', '=', 'webhook_subscription.created').execute();
    expect(audit.find((a) => a.details['subscriptionId'] === subscription.id)).toMatchObject({ actor_type: 'api_client', actor_id: client.id });
  });

  it('lets only the owning client stop a subscription, and a stopped one gets nothing', async () => {
    const receiver = await startReceiver([]);
    servers.push(receiver.server);
    const { subscription } = await subscribe(receiver.url);
    const other = await createTestApiClient(t, ['consent:webhooks']);
    expect((await callAsClient(t, other.key, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`)).status).toBe(404);
    expect((await callAsClient(t, other.key, 'GET', '/api/v1/webhook-subscriptions')).status).toBe(200);
    expect((await callAsClient(t, client.key, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`)).status).toBe(204);
    const subjectId = await newSubject(t.database.db);
    const recordId = await recordTestConsent(t.database.db, { subjectId, purpose: 'dpv:DirectMarketing', status: 'given', method: 'account_form' });
    const jobs = await t.database.db.selectFrom('jobs').select('id').where('dedupe_key', 'like', `webhook:%:${recordId}`).execute();
    expect(jobs).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('skips a queued delivery once its client is revoked', async () => {
    const receiver = await startReceiver([]);
    servers.push(receiver.server);
    const revokedClient = await createTestApiClient(t, ['consent:webhooks']);
    const created = await callAsClient(t, revokedClient.key, 'POST', '/api/v1/webhook-subscriptions', { url: receiver.url });
    const { subscription } = (await created.json()) as { subscription: { id: string } };
    const recordId = await recordTestConsent(t.database.db, { subjectId: await newSubject(t.database.db), purpose: 'dpv:DirectMarketing', status: 'given', method: 'account_form' });
    await revokeApiClient(t.app.deps.db, systemContext('dpv:ServiceSecurity'), revokedClient.id, new Date());
    const runner = createJobRunner({ db: t.database.db, logger: createLogger('silent'), now: () => new Date(Date.now() + 1000) }, { [webhookDeliveryKind]: webhookDeliveryHandler(t.app.deps) });
    while ((await runner.runOnce()) > 0);
    const job = await t.database.db.selectFrom('jobs').select('status').where('dedupe_key', '=', `webhook:${subscription.id}:${recordId}`).executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(receiver.received).toEqual([]);
  });
});
