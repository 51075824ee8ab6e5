import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import { sweepRetention } from '../retention/sweep-retention.js';
import { licenceCheckLimit } from './licence-check.routes.js';
import { licenceChecksTable } from './services.tables.js';
import { orderViaApi, payInvoice, serviceRow } from './services.test-helpers.js';

/**
 * Control-panel licences: issued when paid, bound to one server IP, the key sealed with the holder's
 * key, and the public licence-check endpoint whose every check is the holder's usage data.
 */
describe.each(databaseKinds)('services: licences and the licence check (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount & { client: HttpClient };
  let serviceId: string;
  let licenceId: string;
  let licenceKey: string;
  const serverIp = '2001:db8:77::10';

  /** As the licensed software calls it: no cookie, no CSRF token. */
  async function check(body: Record<string, unknown>) {
    const response = await fetch(`${t.baseUrl}/api/v1/licences/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function checksOfLicence() {
    const licence = await t.app.deps.db.selectFrom('licences').select(['id']).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
    return t.app.deps.db.selectFrom('licence_checks').selectAll().where('licence_id', '=', licence.id).orderBy('checked_at').execute();
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    const client = t.client();
    alice = { ...(await signUpVerified(t, client, { firstName: 'Alice', lastName: 'Arden' })), client };
  }, 120_000);
  afterAll(async () => t?.close());

  it('issues the licence when the invoice is paid, bound to the server ordered, with the key sealed for its holder', async () => {
    const { service, invoice } = await orderViaApi(alice.client, { plan: 'panel-pro', serverIp: '2001:DB8:77:0::10', hostname: 'ignored.example' });
    serviceId = service.id;
    expect(service).toMatchObject({ status: 'ordered', serverIp, hostname: null });
    const before = (await (await alice.client.api('GET', `/api/v1/services/${serviceId}`)).json()) as { licence: unknown };
    expect(before.licence).toBeNull();

    await payInvoice(t, alice.client, invoice.id);
    await t.runJobs();
    expect(await serviceRow(t, serviceId)).toMatchObject({ status: 'active' });
    const row = await t.app.deps.db.selectFrom('licences').selectAll().where('service_id', '=', serviceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_id: alice.subjectId, bound_ip: serverIp });

    const detail = await alice.client.api('GET', `/api/v1/services/${serviceId}`);
    expect(detail.headers.get('cache-control')).toBe('no-store');
    const { licence } = (await detail.json()) as { licence: { licenceId: string; key: string; boundIp: string; recentChecks: unknown[] } };
    expect(licence).toMatchObject({ licenceId: row.public_id, boundIp: serverIp, recentChecks: [] });
    expect(licence.licenceId).toMatch(/^CL-[A-Z2-9]{16}$/);
    expect(licence.key).toMatch(/^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$/);
    // The append-only audit trail names our rows only, never the licence ID the software presents.
    const activated = await t.app.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'service.activated').execute();
    const ofThisService = activated.filter((event) => (event.details as Record<string, unknown>).serviceId === serviceId);
    expect(ofThisService).toHaveLength(1);
    expect(ofThisService[0]!.details).toEqual({ serviceId, licence: true });
    expect(JSON.stringify(activated)).not.toContain(row.public_id);
    expect(row.key_enc.toString('latin1')).not.toContain(licence.key);
    licenceId = licence.licenceId;
    licenceKey = licence.key;
    const page = await (await alice.client.get(`/account/services/${serviceId}`)).text();
    expect(page).toContain(licenceKey);
    expect(page).toContain('The software has not checked this licence yet.');
  });

  it('answers valid for the bound server, and the same "not licensed" for a wrong server and an unknown licence', async () => {
    expect(await check({ licenceId, serverIp: '2001:db8:77:0:0:0:0:10', version: '3.2.1' })).toEqual({ status: 200, body: { valid: true } });
    const wrongServer = await check({ licenceId, serverIp: '203.0.113.9', version: '3.2.1' });
    const unknown = await check({ licenceId: 'CL-AAAAAAAAAAAAAAAA', serverIp: '203.0.113.9', version: '3.2.1' });
    expect(wrongServer).toEqual({ status: 200, body: { valid: false, reason: 'not_licensed' } });
    expect(unknown).toEqual(wrongServer);
    expect(await check({ licenceId, serverIp, version: '1.9' })).toEqual({ status: 200, body: { valid: false, reason: 'version_unsupported' } });
  });

  it('logs every check of the licence as its holder\'s usage data: network only, whether the server matched, version, answer', async () => {
    const checks = await checksOfLicence();
    expect(checks.map((c) => [c.server_ip_matched, c.software_version, c.result])).toEqual([[true, '3.2.1', 'valid'], [false, '3.2.1', 'not_licensed'], [true, '1.9', 'version_unsupported']]);
    expect(checks.every((c) => c.subject_id === alice.subjectId && c.caller_ip_truncated === '127.0.0.0/24')).toBe(true);
    // The wrong server's address itself is not kept anywhere in the log.
    expect(JSON.stringify(checks)).not.toContain('203.0.113.9');
    expect(await t.app.deps.db.selectFrom('licence_checks').select('id').execute()).toHaveLength(3);
    const page = await (await alice.client.get(`/account/services/${serviceId}`)).text();
    expect(page).toContain('<caption>Licence checks, newest first</caption>');
    expect(page).toContain('Not licensed for this server');
    expect(page).toContain('Records are deleted after 90 days.');
  });

  it('a suspended licence is reported as suspended to its own server only; staff see the checks but never the key', async () => {
    const owner = t.client();
    await signInStaffApi(owner, await createTestStaff(t, 'owner'));
    expect((await owner.postForm(`/console/services/${serviceId}/suspend`, { reason: 'terms_violation' })).status).toBe(303);
    expect(await check({ licenceId, serverIp, version: '3.2.1' })).toEqual({ status: 200, body: { valid: false, reason: 'suspended' } });
    expect(await check({ licenceId, serverIp: '198.51.100.200', version: '3.2.1' })).toEqual({ status: 200, body: { valid: false, reason: 'not_licensed' } });
    const console = await (await owner.get(`/console/services/${serviceId}`)).text();
    expect(console).toContain(licenceId);
    expect(console).not.toContain(licenceKey);
    expect(console).toContain('The licence key is visible only to the customer.');
    expect((await owner.postForm(`/console/services/${serviceId}/unsuspend`, {})).status).toBe(303);
    expect(await check({ licenceId, serverIp, version: '3.2.1' })).toEqual({ status: 200, body: { valid: true } });
  });

  it('forgets checks after the configured retention period, through the data map\'s retention sweep', async () => {
    const [oldest] = await checksOfLicence();
    await t.app.deps.db.updateTable('licence_checks').set({ checked_at: new Date(Date.now() - 91 * 24 * 3600_000) }).where('id', '=', oldest!.id).execute();
    const counts = await sweepRetention(t.app.deps, [licenceChecksTable]);
    expect(counts.licence_checks).toBe(1);
    const left = await checksOfLicence();
    expect(left.map((c) => c.id)).not.toContain(oldest!.id);
    expect(left.length).toBeGreaterThan(0);
  });

  it('refuses malformed checks with 400 and never needs a cookie or CSRF token', async () => {
    for (const body of [{}, { licenceId, serverIp }, { licenceId, serverIp, version: '' }, { licenceId, serverIp, version: '1; drop table' }, { licenceId: 'x'.repeat(65), serverIp, version: '1' }]) {
      const answer = await check(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('a licence for a server the vendor refuses fails, and nothing is bound', async () => {
    const { service, invoice } = await orderViaApi(alice.client, { plan: 'panel-admin', serverIp: '192.0.2.44' });
    await payInvoice(t, alice.client, invoice.id);
    await t.runJobs();
    expect(await serviceRow(t, service.id)).toMatchObject({ status: 'failed', failure_reason: 'server_ip_refused' });
    expect(await t.app.deps.db.selectFrom('licences').select('id').where('service_id', '=', service.id).execute()).toEqual([]);
  });

  it('limits checks per caller address', async () => {
    let limited = false;
    for (let i = 0; i <= licenceCheckLimit.limit && !limited; i += 1) {
      limited = (await check({ licenceId: 'CL-BBBBBBBBBBBBBBBB', serverIp, version: '3' })).status === 429;
    }
    expect(limited).toBe(true);
  });
});
