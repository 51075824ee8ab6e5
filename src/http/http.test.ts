import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

describe.each(databaseKinds)('HTTP foundation (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  it('answers health, readiness and metrics', async () => {
    const client = t.client();
    expect((await client.request('GET', '/healthz')).status).toBe(200);
    expect(await (await client.request('GET', '/readyz')).json()).toEqual({ status: 'ready' });
    const metrics = await (await client.request('GET', '/metrics')).text();
    expect(metrics).toContain('custodian_http_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(metrics).toContain('custodian_jobs_queued 0');
  });

  it('sends strict security headers with a CSP free of unsafe-inline', async () => {
    const response = await t.client().get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const response = await t.client().request('GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', type: expect.stringContaining('not-found') });
  });

  it('publishes an OpenAPI 3.1 document of the registered routes', async () => {
    const doc = (await (await t.client().request('GET', '/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/api/v1/csrf', '/']));
    const docs = await t.client().get('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/v1/csrf');
  });
});
