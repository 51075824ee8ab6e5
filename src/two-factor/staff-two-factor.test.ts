import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../test/auth-helpers.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { systemContext } from '../context/request-context.js';
import { createStaffMember } from '../staff/create-staff-member.js';
import { recoveryCodesFromPage, secretFromPage, TestAuthenticator } from './two-factor.test-helpers.js';

describe.each(databaseKinds)('Two-factor sign-in for staff (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  async function newStaffMember() {
    const email = `staff-${randomUUID().slice(0, 8)}@example.test`;
    const password = `staff password ${randomUUID().slice(0, 8)}`;
    const created = await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email, displayName: 'Grace Hopper', role: 'support', password });
    return { email, password, ...created };
  }

  it('enrols in the console, then the console sign-in asks for the code', async () => {
    const member = await newStaffMember();
    const client = t.client();
    expect((await client.postForm('/console/sign-in', { email: member.email, password: member.password })).status).toBe(303);
    expect(await (await client.get('/console/security/two-factor')).text()).toContain('Two-factor sign-in is off.');
    expect((await client.postForm('/console/security/two-factor/start', {})).headers.get('location')).toBe('/console/security/two-factor');
    const authenticator = new TestAuthenticator(secretFromPage(await (await client.get('/console/security/two-factor')).text()));
    const confirmed = await client.postForm('/console/security/two-factor/confirm', { code: await authenticator.code() });
    expect(confirmed.status).toBe(200);
    expect(recoveryCodesFromPage(await confirmed.text())).toHaveLength(10);
    expect((await readOutbox(t, member.subjectId)).map((m) => m.template)).toContain('staff.two_factor_enabled');

    const fresh = t.client();
    const signedIn = await fresh.postForm('/console/sign-in', { email: member.email, password: member.password });
    expect(signedIn.headers.get('location')).toMatch(/^\/console\/sign-in\/second-factor/);
    const console = await fresh.get('/console');
    expect(console.status).toBe(303);
    expect(console.headers.get('location')).toBe('/console/sign-in/second-factor?next=%2Fconsole');
    // A half-signed-in member cannot turn two-factor off with the password alone.
    expect((await fresh.postForm('/console/security/two-factor/disable', { password: member.password })).status).toBe(401);
    const wrong = await fresh.postForm('/console/sign-in/second-factor', { code: 'AAAAA-BBBBB', next: '/console' });
    expect(wrong.status).toBe(401);
    const passed = await fresh.postForm('/console/sign-in/second-factor', { code: await authenticator.code(), next: '/console/security/sessions' });
    expect(passed.status).toBe(303);
    expect(passed.headers.get('location')).toBe('/console/security/sessions');

    const sessions = await fresh.get('/console/security/sessions');
    expect(sessions.status).toBe(200);
    expect(await sessions.text()).toContain('This device');
    const signIns = await (await fresh.get('/console/security/sign-ins')).text();
    expect(signIns).toContain('Wrong two-factor code');
    expect(signIns).toContain('Two-factor code accepted');
    const row = await t.app.deps.db.selectFrom('staff_members').select('totp_enabled_at').where('id', '=', member.staffId).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
  });

  it('revokes another console session, and a customer cookie opens none of it', async () => {
    const member = await newStaffMember();
    const desk = t.client();
    const laptop = t.client();
    for (const client of [desk, laptop]) expect((await client.postForm('/console/sign-in', { email: member.email, password: member.password })).status).toBe(303);
    const other = await t.app.deps.db.selectFrom('sessions').select('id').where('principal_id', '=', member.staffId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect((await desk.postForm(`/console/security/sessions/${other.id}/revoke`, {})).status).toBe(303);
    expect((await laptop.get('/console/security/sessions')).headers.get('location')).toMatch(/^\/console\/sign-in/);
    expect((await desk.get('/console/security/sessions')).status).toBe(200);
    const customer = t.client();
    await signUpVerified(t, customer);
    expect((await customer.get('/console/security/two-factor')).headers.get('location')).toMatch(/^\/console\/sign-in/);
    expect((await customer.postForm(`/console/security/sessions/${other.id}/revoke`, {})).status).toBe(401);
  });
});
