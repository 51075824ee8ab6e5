import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { currentPolicyVersion } from './current-policy-version.js';
import { noticeText, sha256Hex, type PolicySnapshot } from './policy-snapshot.js';
import { editRegister, publish, runJobsUntilIdle, staffClient, today, withProcessor } from './policy-versions.test-helpers.js';

describe.each(databaseKinds)('policy versions (%s)', (kind) => {
  let t: TestApp;
  let officer: HttpClient;
  const snapshotOf = async (version: number) => (await t.app.deps.db.selectFrom('policy_versions').select(['snapshot', 'notice_text_hash']).where('version', '=', version).executeTakeFirstOrThrow());

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await staffClient(t, 'privacy_officer');
  }, 120_000);
  afterAll(async () => t?.close());

  it('records an immutable snapshot, keeps earlier versions readable and names an added processor in the diff', async () => {
    expect(await currentPolicyVersion(t.app.deps.db)).toBeNull();
    const first = await publish(officer);
    expect(first).toMatchObject({ version: 1, notifyStatus: 'none', notifyTotal: 0, changed: [] });
    const frozen = await snapshotOf(1);

    await editRegister(officer, withProcessor('Acme Mail Relay GmbH'));
    const second = await publish(officer);
    expect(second).toMatchObject({ version: 2, changed: ['recipients'], notifyStatus: 'queued' });

    expect(await snapshotOf(1)).toEqual(frozen);
    expect(frozen.notice_text_hash).toBe(sha256Hex(noticeText(frozen.snapshot as PolicySnapshot)));
    expect(second.noticeTextHash).not.toBe(frozen.notice_text_hash);
    expect(await currentPolicyVersion(t.app.deps.db)).toEqual({ version: 2, effectiveDate: today(), noticeTextHash: second.noticeTextHash });

    const v1 = await (await t.client().get('/privacy/versions/1')).text();
    const v2 = await (await t.client().get('/privacy/versions/2')).text();
    expect(v1).toContain('Privacy notice, version 1');
    expect(v1).not.toContain('Acme Mail Relay GmbH');
    expect(v2).toContain('Acme Mail Relay GmbH');
    const list = await (await t.client().get('/privacy/versions')).text();
    expect(list).toContain('href="/privacy/versions/1"');
    expect(list).toContain('href="/privacy/versions/2"');
    expect(list).toContain(today());

    const diff = await t.client().get('/privacy/versions/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    const page = await diff.text();
    expect(page).toMatch(/<section id="diff-recipients"[\s\S]*?<ul class="diff-added"><li>Acme Mail Relay GmbH<\/li><\/ul>/);
    expect(page).toMatch(/<section id="diff-purposes"[\s\S]*?Nothing changed in this section/);
    expect(page).toMatch(/<li class="diff-added"><span aria-hidden="true">\+ <\/span><ins>Acme Mail Relay GmbH \| Processor/);
  });

  it('answers unknown and malformed versions with 4xx', async () => {
    expect((await t.client().get('/privacy/versions/99')).status).toBe(404);
    expect((await t.client().get('/privacy/versions/abc')).status).toBe(400);
    expect((await t.client().get('/privacy/versions/0')).status).toBe(400);
    expect((await t.client().get('/privacy/versions/diff?from=1&to=99')).status).toBe(404);
    expect((await t.client().get('/privacy/versions/diff?from=1')).status).toBe(400);
    expect((await officer.api('POST', '/api/v1/policy-versions', { effectiveDate: 'soon', requiresAcceptance: false })).status).toBe(400);
    expect((await officer.api('POST', '/api/v1/policy-versions', { effectiveDate: '2020-01-01', requiresAcceptance: false })).status).toBe(400);
    expect((await officer.api('POST', '/api/v1/policy-versions', { effectiveDate: today() })).status).toBe(400);
    const form = await officer.postForm('/console/privacy/versions', { effectiveDate: '31.12.2030' });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('href="#field-effectiveDate"');
  });

  it('notifies nobody when only details outside purposes, recipients, transfers, retention and rights change', async () => {
    await editRegister(officer, (r) => ({ ...r, securityMeasures: [...r.securityMeasures, 'Quarterly restore drills of every backup'] }));
    const version = await publish(officer);
    expect(version).toMatchObject({ changed: ['other'], notifyStatus: 'none', notifyTotal: 0 });
    const id = (await t.app.deps.db.selectFrom('policy_versions').select('id').where('version', '=', version.version).executeTakeFirstOrThrow()).id;
    const jobs = await t.app.deps.db.selectFrom('jobs').select('payload').where('kind', '=', 'policy.change_notices').execute();
    expect(jobs.filter((j) => j.payload.versionId === id)).toEqual([]);
    await runJobsUntilIdle(t);
    expect(await t.app.deps.db.selectFrom('policy_change_notices').select('account_id').where('version_id', '=', id).execute()).toEqual([]);
  });

  it('lets only privacy officers publish; auditors see progress, support staff and customers see nothing', async () => {
    const support = await staffClient(t, 'support');
    expect((await support.api('POST', '/api/v1/policy-versions', { effectiveDate: today(), requiresAcceptance: false })).status).toBe(403);
    expect((await support.postForm('/console/privacy/versions', { effectiveDate: today() })).status).toBe(403);
    expect((await support.get('/console/privacy/versions')).status).toBe(403);
    const auditor = await staffClient(t, 'auditor');
    const page = await auditor.get('/console/privacy/versions');
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('action="/console/privacy/versions"');
    expect((await auditor.api('POST', '/api/v1/policy-versions', { effectiveDate: today(), requiresAcceptance: false })).status).toBe(403);
    expect((await t.client().api('POST', '/api/v1/policy-versions', { effectiveDate: today(), requiresAcceptance: false })).status).toBe(401);
    const published = await officer.postForm('/console/privacy/versions', { effectiveDate: today() });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toMatch(/^\/console\/privacy\/versions\?published=\d+$/);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'details']).where('action', '=', 'policy.version_published').execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(audit.every((a) => a.actor_type === 'staff' && typeof a.details.versionId === 'string')).toBe(true);
  });
});
