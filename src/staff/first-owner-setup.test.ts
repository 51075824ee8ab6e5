import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { createLogger } from '../app/logger.js';
import { ensureFirstOwner } from '../setup/ensure-first-owner.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { signInStaffApi } from './staff.test-helpers.js';

const logger = createLogger('silent');

describe.each(databaseKinds)('first-owner setup (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  it('issues a one-time link that creates the owner once and then refuses', async () => {
    const outcome = await ensureFirstOwner(t.app.deps, logger);
    if (outcome.kind !== 'setup-link') throw new Error(`expected a setup link, got ${outcome.kind}`);
    const url = new URL(outcome.setupLink);
    expect(url.origin + url.pathname).toBe(`${t.config.http.publicUrl}/setup`);
    const token = url.searchParams.get('token')!;
    const stored = JSON.stringify(await t.app.deps.db.selectFrom('settings').select('value').where('key', '=', 'setup.first_owner').executeTakeFirstOrThrow());
    expect(stored).not.toContain(token);

    const browser = t.client();
    const form = await browser.get(url.pathname + url.search);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="displayName"');
    const wrong = await browser.postForm('/setup', { token: 'A'.repeat(43), email: 'owner@host.test', displayName: 'Oona Owner', password: 'a long owner password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('invalid or has expired');
    const weak = await browser.postForm('/setup', { token, email: 'owner@host.test', displayName: 'Oona Owner', password: 'too short' });
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain('aria-invalid="true"');
    expect(weakPage).toContain('Use 12 to 256 characters');
    expect(weakPage).toContain('value="Oona Owner"');

    const created = await browser.postForm('/setup', { token, email: 'owner@host.test', displayName: 'Oona Owner', password: 'a long owner password' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/console/sign-in?done=setup');
    const owners = await t.app.deps.db.selectFrom('staff_members').select(['id', 'role']).execute();
    expect(owners.map((o) => o.role)).toEqual(['owner']);
    expect(await t.app.deps.db.selectFrom('settings').select('key').where('key', '=', 'setup.first_owner').executeTakeFirst()).toBeUndefined();

    const replay = await t.client().postForm('/setup', { token, email: 'attacker@host.test', displayName: 'Mallory', password: 'a long attacker password' });
    expect(replay.status).toBe(409);
    expect((await t.client().get(url.pathname + url.search)).status).toBe(409);
    expect((await t.app.deps.db.selectFrom('staff_members').select('id').execute()).length).toBe(1);

    const me = t.client();
    await signInStaffApi(me, { email: 'owner@host.test', password: 'a long owner password' });
    const profile = await me.api('GET', '/api/v1/staff/me');
    expect(await profile.json()).toMatchObject({ member: { email: 'owner@host.test', displayName: 'Oona Owner', role: 'owner' } });
    expect(await ensureFirstOwner(t.app.deps, logger)).toEqual({ kind: 'staff-exists' });
    const actions = await t.app.deps.db.selectFrom('audit_events').select('action').where('action', 'like', 'setup.%').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['setup.first_owner_link_issued', 'setup.first_owner_created']);
  });
});

describe.each(databaseKinds)('first owner from configuration (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { CUSTODIAN_OWNER_EMAIL: 'configured@host.test', CUSTODIAN_OWNER_PASSWORD: 'configured owner password', CUSTODIAN_SIGN_IN_LOCK_AFTER: '3' });
  });
  afterAll(async () => t.close());

  it('creates the configured owner once, with no setup link', async () => {
    const outcome = await ensureFirstOwner(t.app.deps, logger);
    expect(outcome.kind).toBe('owner-created');
    expect(await ensureFirstOwner(t.app.deps, logger)).toEqual({ kind: 'staff-exists' });
    expect(await t.app.deps.db.selectFrom('settings').select('key').where('key', '=', 'setup.first_owner').executeTakeFirst()).toBeUndefined();
    await signInStaffApi(t.client(), { email: 'configured@host.test', password: 'configured owner password' });
    expect((await t.client().get('/setup?token=abc')).status).toBe(409);
  });

  it('locks sign-in after repeated failures and emails the member', async () => {
    const client = t.client();
    const owner = await t.app.deps.db.selectFrom('staff_members').select(['id', 'subject_id']).executeTakeFirstOrThrow();
    const attempt = () => client.api('POST', '/api/v1/staff/session', { email: 'configured@host.test', password: 'not the right password' });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const locked = await attempt();
    expect(locked.status).toBe(423);
    expect(await locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const right = await client.api('POST', '/api/v1/staff/session', { email: 'configured@host.test', password: 'configured owner password' });
    expect(right.status).toBe(423);
    const mails = await readOutbox(t, owner.subject_id);
    expect(mails.map((m) => [m.template, m.to])).toEqual([['staff.sign_in_locked', 'configured@host.test']]);
  });
});
