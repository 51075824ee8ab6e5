import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieNames } from '../auth/session-cookies.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import type { HttpClient } from '../../test/http-client.js';
import { bearer, callAsClient, createTestApiClient } from './api-clients.test-helpers.js';

const subjectId = '00000000-0000-4000-8000-000000000001';

describe.each(databaseKinds)('API clients (%s)', (kind) => {
  let t: TestApp;
  let owner: HttpClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = t.client();
    await signInStaffApi(owner, await createTestStaff(t, 'owner'));
  }, 60_000);
  afterAll(async () => t?.close());

  it('shows a new key once, stores only the hash of its secret, and audits the creation', async () => {
    const response = await owner.api('POST', '/api/v1/api-clients', { name: 'Billing', scopes: ['consent:read'] });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { client: { id: string; keyPrefix: string; scopes: string[] }; key: string };
    const [, prefix, secret] = /^ck_([0-9a-f]{8})_(.+)$/.exec(body.key)!;
    expect(body.client).toMatchObject({ keyPrefix: prefix, scopes: ['consent:read'] });
    const row = await t.database.db.selectFrom('api_clients').selectAll().where('id', '=', body.client.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(createHash('sha256').update(secret!).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await (await owner.api('GET', '/api/v1/api-clients')).text();
    expect(listed).toContain(body.client.id);
    expect(listed).not.toContain(secret);
    const audit = await t.database.db.selectFrom('audit_events').select(['actor_type', 'details']).where('action', '=', 'api_client.created').execute();
    expect(audit.find((a) => a.details['apiClientId'] === body.client.id)?.actor_type).toBe('staff');
    // The key works for its scope, without any CSRF token or cookie.
    const decision = await callAsClient(t, body.key, 'POST', '/api/v1/decisions', { subjectId, purpose: 'dpv:DirectMarketing' });
    expect(decision.status).toBe(200);
  });

  it('creates a key from the owner console page and shows it only on that one answer', async () => {
    expect((await owner.get('/console/api-clients')).status).toBe(200);
    const created = await owner.postForm('/console/api-clients', { name: 'Mailer', scopes: ['consent:read', 'consent:webhooks'] });
    expect(created.status).toBe(200);
    const page = await created.text();
    const key = /ck_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/.exec(page)?.[0];
    expect(key).toBeDefined();
    expect(await (await owner.get('/console/api-clients')).text()).not.toContain(key!);
    const invalid = await owner.postForm('/console/api-clients', { name: '' });
    expect(invalid.status).toBe(400);
  });

  it('answers 401 for a revoked key, on the very next request, and audits the revocation', async () => {
    const client = await createTestApiClient(t, ['consent:read']);
    expect((await callAsClient(t, client.key, 'POST', '/api/v1/decisions', { subjectId, purpose: 'dpv:DirectMarketing' })).status).toBe(200);
    const revoked = await owner.api('POST', `/api/v1/api-clients/${client.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await callAsClient(t, client.key, 'POST', '/api/v1/decisions', { subjectId, purpose: 'dpv:DirectMarketing' })).status).toBe(401);
    const page = await owner.postForm(`/console/api-clients/${client.id}/revoke`, {});
    expect(page.status).toBe(303);
    const audit = await t.database.db.selectFrom('audit_events').select('details').where('action', '=', 'api_client.revoked').execute();
    expect(audit.filter((a) => a.details['apiClientId'] === client.id)).toHaveLength(1);
  });

  it('refuses malformed, unknown and forged keys with 401', async () => {
    const client = await createTestApiClient(t, ['consent:read']);
    const forged = client.key.slice(0, -4) + (client.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const key of ['nonsense', 'ck_00000000_' + 'A'.repeat(43), forged]) {
      expect((await callAsClient(t, key, 'POST', '/api/v1/decisions', { subjectId, purpose: 'dpv:DirectMarketing' })).status).toBe(401);
    }
  });

  it('answers 403 when the key lacks the scope the route needs', async () => {
    const client = await createTestApiClient(t, ['consent:read']);
    expect((await callAsClient(t, client.key, 'GET', '/api/v1/webhook-subscriptions')).status).toBe(403);
    const webhooksOnly = await createTestApiClient(t, ['consent:webhooks']);
    expect((await callAsClient(t, webhooksOnly.key, 'POST', '/api/v1/decisions', { subjectId, purpose: 'dpv:DirectMarketing' })).status).toBe(403);
  });

  it('refuses staff without api_clients.manage (403) and customers or anonymous callers (401)', async () => {
    const officer = t.client();
    await signInStaffApi(officer, await createTestStaff(t, 'privacy_officer'));
    expect((await officer.api('GET', '/api/v1/api-clients')).status).toBe(403);
    expect((await officer.api('POST', '/api/v1/api-clients', { name: 'X', scopes: ['consent:read'] })).status).toBe(403);
    expect((await officer.get('/console/api-clients')).status).toBe(403);
    expect((await t.client().api('POST', '/api/v1/api-clients', { name: 'X', scopes: ['consent:read'] })).status).toBe(401);
  });

  it('never lets a cookie count as an API client, nor a key as staff', async () => {
    const client = await createTestApiClient(t, ['consent:read']);
    // The owner's staff cookie on a route for API clients.
    expect((await owner.api('POST', '/api/v1/decisions', { subjectId, purpose: 'dpv:DirectMarketing' })).status).toBe(401);
    // A key, even sent together with the owner's cookie, on a staff route: cookies are ignored on bearer requests.
    const cookie = `${sessionCookieNames.staff}=${owner.cookies.get(sessionCookieNames.staff)}`;
    const staffRoute = await fetch(`${t.baseUrl}/api/v1/api-clients`, { headers: { ...bearer(client.key), cookie } });
    expect(staffRoute.status).toBe(401);
  });

  it('refuses bad input with 400 and an unknown client with 404', async () => {
    expect((await owner.api('POST', '/api/v1/api-clients', { name: '', scopes: ['consent:read'] })).status).toBe(400);
    expect((await owner.api('POST', '/api/v1/api-clients', { name: 'X', scopes: ['everything'] })).status).toBe(400);
    expect((await owner.api('POST', '/api/v1/api-clients', { name: 'X', scopes: [] })).status).toBe(400);
    expect((await owner.api('POST', '/api/v1/api-clients/not-a-uuid/revoke')).status).toBe(400);
    expect((await owner.api('POST', `/api/v1/api-clients/${subjectId}/revoke`)).status).toBe(404);
  });

  it('documents the bearer scheme in OpenAPI', async () => {
    const doc = (await (await t.client().request('GET', '/api/openapi.json')).json()) as { components: { securitySchemes: Record<string, unknown> }; paths: Record<string, Record<string, { security: unknown }>> };
    expect(doc.components.securitySchemes['apiClientBearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/decisions']?.['post']?.security).toEqual([{ apiClientBearer: [] }]);
  });
});
