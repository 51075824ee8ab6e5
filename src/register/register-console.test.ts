import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import type { HttpClient } from '../../test/http-client.js';
import { escapeHtml } from '../http/html.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { Register } from './register.schema.js';
import { defaultRegister, registerToYaml } from './register-yaml.js';

async function staffClient(t: TestApp, role: 'privacy_officer' | 'support' | 'auditor'): Promise<HttpClient> {
  const client = t.client();
  await signInStaffApi(client, await createTestStaff(t, role));
  return client;
}

const saveLabel = 'Check and save the register';
const textareaOf = (page: string) => /<textarea id="field-yaml"[^>]*>([\s\S]*?)<\/textarea>/.exec(page);
const sectionOf = (page: string, id: string) => new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';

describe.each(databaseKinds)('register editor and record of processing in the console (%s)', (kind) => {
  let t: TestApp;
  let officer: HttpClient;
  let auditor: HttpClient;
  let support: HttpClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [officer, auditor, support] = await Promise.all([staffClient(t, 'privacy_officer'), staffClient(t, 'auditor'), staffClient(t, 'support')]);
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows the register as YAML in a labelled text area with a save button, download and navigation link', async () => {
    const response = await officer.get('/console/privacy/register');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<label for="field-yaml">Register as YAML</label>');
    expect(textareaOf(page)![1]).toBe(escapeHtml(registerToYaml(defaultRegister())));
    expect(parse(registerToYaml(defaultRegister()))).toEqual(defaultRegister());
    expect(page).toContain(`<button type="submit">${saveLabel}</button>`);
    expect(page).toContain('href="/api/v1/register.yaml"');
    expect(page).toContain('href="/console/privacy/record-of-processing"');
    expect(page).toMatch(/<a href="\/console\/privacy\/register" aria-current="page">/);
  });

  it('refuses an invalid register with a 400 page listing each path and message, and stores nothing', async () => {
    const broken = { ...defaultRegister(), controller: { ...defaultRegister().controller, dpo: { name: 'X', email: 'not-an-email' } } };
    const response = await officer.postForm('/console/privacy/register', { yaml: stringify(broken) });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('<code>controller.dpo.email</code></a>: Must be an email address');
    expect(page).toContain('aria-invalid="true"');
    expect(textareaOf(page)![1]).toContain('not-an-email');

    const unreadable = await officer.postForm('/console/privacy/register', { yaml: 'controller: [unclosed' });
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain('<code>whole document</code></a>');

    const stranger = await officer.postForm('/console/privacy/register', { yaml: registerToYaml(defaultRegister()) + 'favouriteColour: blue\n' });
    expect(stranger.status).toBe(400);

    const processor = stringify({ ...defaultRegister(), processorActivities: { ...defaultRegister().processorActivities, subProcessors: [{ ...defaultRegister().processorActivities.subProcessors[0]!, country: 'IN', activities: ['hosting-on-mars'] }] } });
    const page2 = await (await officer.postForm('/console/privacy/register', { yaml: processor })).text();
    expect(page2).toContain('<code>processorActivities.subProcessors.0.safeguard</code>');
    expect(page2).toContain('<code>processorActivities.subProcessors.0.activities.0</code>');
    expect((await officer.postForm('/console/privacy/register', {})).status).toBe(400);
    expect(await t.database.db.selectFrom('register_drafts').select('id').execute()).toEqual([]);
  });

  it('saves a valid register pasted as YAML, with an audit event, and the notice follows', async () => {
    const changed: Register = { ...defaultRegister(), controller: { ...defaultRegister().controller, legalName: 'Console Edited Hosting GmbH' } };
    const response = await officer.postForm('/console/privacy/register', { yaml: registerToYaml(changed) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/privacy/register?saved=1');
    expect(await (await officer.get('/console/privacy/register?saved=1')).text()).toContain('The register has been saved.');
    expect(((await (await officer.api('GET', '/api/v1/register')).json()) as Register).controller.legalName).toBe('Console Edited Hosting GmbH');
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_type']).where('action', '=', 'register.saved').execute();
    expect(audit).toEqual([{ action: 'register.saved', actor_type: 'staff' }]);
    expect(await (await t.client().get('/privacy')).text()).toContain('Console Edited Hosting GmbH');
  });

  it('shows an auditor the register read-only: no save button, and saving is refused', async () => {
    const response = await auditor.get('/console/privacy/register');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(textareaOf(page)![0]).toContain(' readonly');
    expect(textareaOf(page)![0]).not.toContain('name="yaml"');
    expect(page).not.toContain(saveLabel);
    expect(page).not.toContain('action="/console/privacy/register"');
    expect((await auditor.postForm('/console/privacy/register', { yaml: registerToYaml(defaultRegister()) })).status).toBe(403);
  });

  it('refuses support staff and anonymous visitors', async () => {
    expect((await support.get('/console/privacy/register')).status).toBe(403);
    expect((await support.postForm('/console/privacy/register', { yaml: registerToYaml(defaultRegister()) })).status).toBe(403);
    expect((await support.get('/console/privacy/record-of-processing')).status).toBe(403);
    expect((await support.api('GET', '/api/v1/register/processor-record.csv')).status).toBe(403);
    expect((await support.get('/console')).status).toBe(200);
    expect(await (await support.get('/console')).text()).not.toContain('href="/console/privacy/register"');
    for (const path of ['/console/privacy/register', '/console/privacy/record-of-processing']) expect((await t.client().get(path)).status).not.toBe(200);
  });

  it('prints the record of processing: every element of Art 30(1)(a)-(g) and the Art 30(2) processor record', async () => {
    const response = await auditor.get('/console/privacy/record-of-processing');
    expect(response.status).toBe(200);
    const page = await response.text();
    const register = ((await (await auditor.api('GET', '/api/v1/register')).json()) as Register);
    for (const id of ['art30-1-a', 'art30-1-b', 'art30-1-c', 'art30-1-d', 'art30-1-e', 'art30-1-f', 'art30-1-g', 'art30-2-a', 'art30-2-b', 'art30-2-c', 'art30-2-d']) {
      expect(sectionOf(page, id).replace(/<[^>]+>/g, '').length, id).toBeGreaterThan(40);
    }
    expect(page).toContain('Record as controller (Art 30(1) GDPR)');
    expect(page).toContain('Record as processor (Art 30(2) GDPR)');
    expect(sectionOf(page, 'art30-1-a')).toContain(escapeHtml(register.controller.legalName));
    expect(sectionOf(page, 'art30-1-a')).toContain(register.controller.dpo.email);
    for (const p of register.purposes) expect(sectionOf(page, 'art30-1-b')).toContain(escapeHtml(p.description));
    expect(sectionOf(page, 'art30-1-c')).toContain('Email address');
    for (const r of register.recipients) expect(sectionOf(page, 'art30-1-d')).toContain(escapeHtml(r.name));
    expect(sectionOf(page, 'art30-1-e')).toContain('Example Analytics Inc.');
    expect(sectionOf(page, 'art30-1-e')).toContain('Standard contractual clauses');
    expect(sectionOf(page, 'art30-1-f')).toContain('Kept for');
    for (const m of register.securityMeasures) expect(sectionOf(page, 'art30-1-g')).toContain(escapeHtml(m));
    const pa = register.processorActivities;
    for (const a of pa.activities) expect(sectionOf(page, 'art30-2-b')).toContain(escapeHtml(a.description));
    for (const s of pa.subProcessors) expect(sectionOf(page, 'art30-2-b')).toContain(escapeHtml(s.name));
    expect(sectionOf(page, 'art30-2-c')).toContain('Example Mail Filter AG');
    expect(sectionOf(page, 'art30-2-c')).toContain('Adequacy decision');
    for (const m of pa.securityMeasures) expect(sectionOf(page, 'art30-2-d')).toContain(escapeHtml(m));
  });

  it('exports the processor record as CSV and inside the JSON-LD as a separate record', async () => {
    const csv = await officer.request('GET', '/api/v1/register/processor-record.csv');
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('"activity_id","activity","description","data_subjects","data_categories","controllers","sub_processors","third_country_transfers","processor","dpo_email","security_measures"');
    expect(lines.slice(1).map((line) => line.slice(1, line.indexOf('",')))).toEqual(['web-hosting', 'email-hosting', 'backups']);
    const doc = (await (await officer.request('GET', '/api/v1/register/record-of-processing.json')).json()) as Record<string, any>;
    const record = doc['custodian:processorRecord'];
    expect(record['@type']).toBe('custodian:ProcessorRecord');
    expect(record['custodian:processing']).toHaveLength(3);
    expect(record['custodian:subProcessors'].find((s: any) => s['custodian:country'] === 'CH')['custodian:transferSafeguard']).toEqual({ '@id': 'custodian:adequacy-decision' });
  });
});
