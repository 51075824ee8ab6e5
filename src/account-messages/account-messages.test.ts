import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { postAccountMessage } from './post-account-message.js';

describe.each(databaseKinds)('account inbox (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount;
  let aliceClient: HttpClient;
  let bob: SignedUpAccount;
  let bobClient: HttpClient;
  let messageId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    aliceClient = t.client();
    alice = await signUpVerified(t, aliceClient);
    bobClient = t.client();
    bob = await signUpVerified(t, bobClient);
    messageId = await inTransaction(t.app.deps.db, systemContext('dpv:CommunicationForCustomerCare'), (ctx) =>
      postAccountMessage(ctx, t.app.deps.keyring, { accountId: alice.accountId, subjectId: alice.subjectId, category: 'maintenance', title: 'Planned maintenance <Tuesday>', body: 'We restart the mail servers.\n\nDetails: /privacy' }));
  }, 120_000);
  afterAll(async () => t?.close());

  it('stores the title and body sealed with the customer\'s key, and audits the post with ids only', async () => {
    const row = await t.app.deps.db.selectFrom('account_messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    expect(row.body_enc.toString('latin1')).not.toContain('mail servers');
    expect(row.title_enc.toString('latin1')).not.toContain('maintenance');
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['subject_id', 'details']).where('action', '=', 'account_message.posted').execute();
    expect(audit).toEqual([{ subject_id: alice.subjectId, details: { messageId, accountId: alice.accountId, category: 'maintenance' } }]);
  });

  it('lists the message as unread, marks it read when opened, and escapes what it shows', async () => {
    const api = await aliceClient.api('GET', '/api/v1/account/messages');
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ unread: 1, messages: [{ id: messageId, category: 'maintenance', title: 'Planned maintenance <Tuesday>', readAt: null }] });
    const list = await (await aliceClient.get('/account/messages')).text();
    expect(list).toContain('<tr class="unread">');
    expect(list).toContain('Planned maintenance &lt;Tuesday&gt;');
    expect(list).toContain(`href="/account/messages/${messageId}"`);

    const open = await aliceClient.get(`/account/messages/${messageId}`);
    expect(open.status).toBe(200);
    const page = await open.text();
    expect(page).toContain('We restart the mail servers.');
    expect(page).toContain('<a href="/privacy">/privacy</a>');
    const after = (await (await aliceClient.api('GET', '/api/v1/account/messages')).json()) as { unread: number; messages: { readAt: string | null }[] };
    expect(after.unread).toBe(0);
    expect(after.messages[0]!.readAt).not.toBeNull();
    expect(await (await aliceClient.get('/account/messages')).text()).not.toContain('<tr class="unread">');
  });

  it('another account cannot read my message, and sees none of it in its inbox', async () => {
    expect((await bobClient.get(`/account/messages/${messageId}`)).status).toBe(404);
    expect(await (await bobClient.api('GET', '/api/v1/account/messages')).json()).toEqual({ messages: [], unread: 0 });
    expect(await (await bobClient.get('/account/messages')).text()).toContain('You have no messages.');
    expect(bob.accountId).not.toBe(alice.accountId);
  });

  it('refuses the anonymous and answers bad ids with 4xx', async () => {
    expect((await t.client().api('GET', '/api/v1/account/messages')).status).toBe(401);
    expect((await t.client().get('/account/messages')).status).toBe(303);
    expect((await aliceClient.get('/account/messages/not-a-uuid')).status).toBe(400);
    expect((await aliceClient.get('/account/messages/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
