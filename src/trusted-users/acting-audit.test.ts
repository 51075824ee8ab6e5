import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUpVerified } from '../../test/auth-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { seedTrustedUsersDemo } from './trusted-users.demo.js';

/**
 * While a person acts for another account, only routes that work on an area of that account are
 * recorded on its behalf; their own housekeeping (sessions, password) stays theirs, so the owner's
 * "recent actions" never shows what the person did in their own account.
 */
describe.each(databaseKinds)('audit actor while acting (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  it('records area work on behalf of the account and the person\'s own session change as the person', async () => {
    const owner = await signUpVerified(t, t.client(), { firstName: 'Ona', lastName: 'Owner' });
    const personClient = t.client();
    const person = await signUpVerified(t, personClient, { firstName: 'Per', lastName: 'Helper' });
    await seedTrustedUsersDemo(t.app.deps, owner, person, ['support']);
    const otherDevice = t.client();
    expect((await signIn(otherDevice, person.email, person.password)).status).toBe(303);

    expect((await personClient.api('PUT', '/api/v1/acting', { accountId: owner.accountId })).status).toBe(204);
    const ticket = await personClient.api('POST', '/api/v1/support/tickets', { department: 'general', subject: 'Mail bounces', body: 'Our mail to a partner bounces since Monday.' });
    expect(ticket.status, await ticket.clone().text()).toBe(201);

    const sessions = (await (await personClient.api('GET', '/api/v1/account/sessions')).json()) as { sessions: Array<{ id: string; current: boolean }> };
    const other = sessions.sessions.find((s) => !s.current);
    expect(other, 'the person\'s own sessions are listed, not the owner\'s').toBeDefined();
    expect((await personClient.api('DELETE', `/api/v1/account/sessions/${other!.id}`)).status).toBe(204);

    const events = await t.app.deps.db.selectFrom('audit_events').select(['action', 'actor_type', 'actor_id', 'on_behalf_of']).where('actor_id', '=', person.accountId).orderBy('seq').execute();
    const opened = events.find((e) => e.action.startsWith('support.ticket'));
    expect(opened).toMatchObject({ actor_type: 'trusted_user', on_behalf_of: owner.accountId });
    const revoked = events.find((e) => e.action.includes('session') && e.action.includes('revoke'));
    expect(revoked, JSON.stringify(events)).toMatchObject({ actor_type: 'customer', on_behalf_of: null });
  });
});
