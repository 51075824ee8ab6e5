import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../test/auth-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import type { Register } from './register.schema.js';
import { defaultRegister } from './register-yaml.js';

async function staffClient(t: TestApp, role: 'owner' | 'privacy_officer' | 'support' | 'auditor'): Promise<HttpClient> {
  const client = t.client();
  await signInStaffApi(client, await createTestStaff(t, role));
  return client;
}

async function putYaml(client: HttpClient, yaml: string): Promise<Response> {
  return client.request('PUT', '/api/v1/register.yaml', { raw: yaml, contentType: 'application/yaml', headers: { accept: 'application/json', 'x-csrf-token': await client.csrfToken() } });
}

describe.each(databaseKinds)('processing register API (%s)', (kind) => {
  let t: TestApp;
  let officer: HttpClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await staffClient(t, 'privacy_officer');
  }, 120_000);
  afterAll(async () => t?.close());

  it('serves the shipped default until one is stored, and stores a valid replacement with an audit event', async () => {
    const before = await officer.api('GET', '/api/v1/register');
    expect(before.status).toBe(200);
    const register = (await before.json()) as Register;
    expect(register).toEqual(defaultRegister());

    const changed = { ...register, controller: { ...register.controller, legalName: 'Changed Hosting AG' } };
    const put = await officer.api('PUT', '/api/v1/register', changed);
    expect(put.status, await put.clone().text()).toBe(200);
    const after = (await (await officer.api('GET', '/api/v1/register')).json()) as Register;
    expect(after.controller.legalName).toBe('Changed Hosting AG');
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_type']).where('action', '=', 'register.saved').execute();
    expect(audit).toEqual([{ action: 'register.saved', actor_type: 'staff' }]);
  });

  it('refuses a processor moved to a third country without a safeguard, and stores nothing', async () => {
    const current = (await (await officer.api('GET', '/api/v1/register')).json()) as Register;
    const moved = { ...current, recipients: current.recipients.map((r, i) => (i === 0 ? { ...r, country: 'IN' } : r)) };
    const response = await officer.api('PUT', '/api/v1/register', moved);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'recipients.0.safeguard', message: expect.stringContaining('outside the EEA') })]);
    const stored = (await (await officer.api('GET', '/api/v1/register')).json()) as Register;
    expect(stored.recipients[0]!.country).toBe(current.recipients[0]!.country);

    const withSafeguard = { ...moved, recipients: moved.recipients.map((r, i) => (i === 0 ? { ...r, safeguard: 'standard-contractual-clauses' } : r)) };
    expect((await officer.api('PUT', '/api/v1/register', withSafeguard)).status).toBe(200);
  });

  it('lists every problem with its path: shape, legitimate interest, and agreement with the data map', async () => {
    const current = defaultRegister();
    const broken = {
      ...current,
      controller: { ...current.controller, dpo: { name: 'X', email: 'not-an-email' } },
      purposes: current.purposes
        .filter((p) => p.purpose !== 'dpv:AccountManagement')
        .map((p) => (p.id === 'fraud-prevention' ? { ...p, legitimateInterest: undefined } : p)),
    };
    const shape = await officer.api('PUT', '/api/v1/register', broken);
    expect(shape.status).toBe(400);
    const fields = ((await shape.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['controller.dpo.email', expect.stringMatching(/^purposes\.\d+\.legitimateInterest$/)]));

    const missingPurpose = { ...current, purposes: current.purposes.filter((p) => p.purpose !== 'dpv:AccountManagement') };
    const cross = await officer.api('PUT', '/api/v1/register', missingPurpose);
    expect(cross.status).toBe(400);
    const messages = ((await cross.json()) as { errors: { message: string }[] }).errors.map((e) => e.message);
    expect(messages).toEqual([expect.stringContaining('"accounts" processes personal data for dpv:AccountManagement')]);
  });

  it('refuses malformed YAML and unknown fields with 400 problem+json', async () => {
    const bad = await putYaml(officer, 'controller: [unclosed');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await putYaml(officer, 'controller: {}\nfavouriteColour: blue\n');
    expect(unknown.status).toBe(400);
  });

  it('accepts YAML only on the YAML route', async () => {
    const response = await officer.request('PUT', '/api/v1/register', { raw: 'a: 1', contentType: 'text/yaml', headers: { accept: 'application/json', 'x-csrf-token': await officer.csrfToken() } });
    expect(response.status).toBe(415);
  });

  it('lets an auditor read but not write, and refuses support staff, customers and anonymous callers', async () => {
    const auditor = await staffClient(t, 'auditor');
    expect((await auditor.api('GET', '/api/v1/register')).status).toBe(200);
    expect((await auditor.api('GET', '/api/v1/register.yaml')).status).toBe(200);
    expect((await auditor.api('PUT', '/api/v1/register', defaultRegister())).status).toBe(403);

    const support = await staffClient(t, 'support');
    expect((await support.api('PUT', '/api/v1/register', defaultRegister())).status).toBe(403);
    expect((await putYaml(support, 'controller: {}')).status).toBe(403);
    expect((await support.api('GET', '/api/v1/register')).status).toBe(403);
    expect((await support.api('GET', '/api/v1/register/record-of-processing.json')).status).toBe(403);

    const customer = t.client();
    await signUpVerified(t, customer);
    for (const path of ['/api/v1/register', '/api/v1/register.yaml', '/api/v1/register/record-of-processing.csv']) {
      expect((await customer.api('GET', path)).status).toBe(401);
      expect((await t.client().api('GET', path)).status).toBe(401);
    }
    expect((await customer.api('PUT', '/api/v1/register', defaultRegister())).status).toBe(401);
  });
});

describe.each(databaseKinds)('register YAML round trip (%s)', (kind) => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    [first, second] = await Promise.all([startTestApp(kind), startTestApp(kind)]);
  }, 120_000);
  afterAll(async () => Promise.all([first?.close(), second?.close()]));

  it('exports one YAML file that, imported into a fresh instance, yields the identical notice', async () => {
    const owner = await staffClient(first, 'owner');
    const custom = { ...defaultRegister(), controller: { ...defaultRegister().controller, legalName: 'Round Trip Hosting Ltd' } };
    expect((await owner.api('PUT', '/api/v1/register', custom)).status).toBe(200);
    const exported = await owner.request('GET', '/api/v1/register.yaml');
    expect(exported.headers.get('content-type')).toContain('application/yaml');
    const yaml = await exported.text();
    expect(parse(yaml)).toEqual(custom);

    const otherOwner = await staffClient(second, 'owner');
    const imported = await putYaml(otherOwner, yaml);
    expect(imported.status, await imported.clone().text()).toBe(200);

    // Per-visitor CSRF tokens (forms on every page) differ; everything else must be identical.
    const page = async (t: TestApp) => (await (await t.client().get('/privacy')).text()).replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
    const [a, b] = await Promise.all([page(first), page(second)]);
    expect(a).toContain('Round Trip Hosting Ltd');
    expect(b).toBe(a);
  });
});
