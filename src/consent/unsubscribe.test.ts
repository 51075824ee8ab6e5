import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { deliverDueEmails } from '../email/deliver-emails.js';
import { createEmailTransport } from '../email/email-transport.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { signUpVerified } from '../../test/auth-helpers.js';
import { consentState } from './consent-state.js';
import { noticeTextHash, recordConsent } from './record-consent.js';

const offer = { messageClass: 'marketing' as const, template: 'test.offer', message: { to: 'ada@example.test', subject: 'Offer', text: 'Two months free.' } };

describe.each(databaseKinds)('one-click unsubscribe (%s)', (kind) => {
  let t: TestApp;
  let dataDir: string;
  const db = () => t.app.deps.db;
  const state = (subjectId: string) => consentState(db(), { subjectId, purpose: 'dpv:DirectMarketing', channel: 'email', now: new Date(Date.now() + 60_000) });
  const records = (subjectId: string) => db().selectFrom('consent_records').selectAll().where('subject_id', '=', subjectId).execute();
  const give = (subjectId: string) => inTransaction(db(), systemContext('dpv:LegalCompliance'), (ctx) => recordConsent(ctx, { subjectId, purpose: 'dpv:DirectMarketing', channel: 'email', status: 'given', method: 'double_opt_in', noticeVersion: 'unpublished', noticeTextHash: noticeTextHash('n') }));
  const enqueue = (subjectId: string) => inTransaction(db(), systemContext('dpv:DirectMarketing'), (ctx) => enqueueEmail(ctx, t.app.deps.keyring, { subjectId, ...offer }));
  const deliver = () => deliverDueEmails({ ...t.app.deps, logger: createLogger('silent'), now: () => new Date(Date.now() + 1000) }, createEmailTransport({ smtp: undefined, dataDir }));

  /** A consenting customer and the unsubscribe path taken from the List-Unsubscribe header of a real marketing email. */
  async function consentingCustomer(): Promise<{ subjectId: string; unsubscribe: string }> {
    const me = await signUpVerified(t, t.client());
    await give(me.subjectId);
    const id = await enqueue(me.subjectId);
    await deliver();
    const [head = ''] = fs.readFileSync(path.join(dataDir, 'mail', `${id}.eml`), 'utf8').split('\r\n\r\n');
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(head.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
    return { subjectId: me.subjectId, unsubscribe: new URL(link).pathname };
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-unsubscribe-'));
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('GET shows a button and changes nothing; the RFC 8058 POST without cookies or CSRF withdraws at once', async () => {
    const { subjectId, unsubscribe } = await consentingCustomer();
    const queuedBefore = await enqueue(subjectId);
    const scanner = t.client();
    const page = await scanner.get(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form method="post" action="${unsubscribe}">`);
    expect((await state(subjectId)).allowed).toBe(true);

    const mailClient = t.client();
    expect(mailClient.cookies.size).toBe(0);
    const posted = await mailClient.request('POST', unsubscribe, { raw: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    expect(posted.status).toBe(200);
    expect(await state(subjectId)).toMatchObject({ allowed: false, reason: 'withdrawn' });
    const withdrawal = (await records(subjectId)).find((r) => r.status === 'withdrawn');
    expect(withdrawal).toMatchObject({ method: 'unsubscribe_link', purpose: 'dpv:DirectMarketing', channel: 'email', notice_version: 'unpublished' });
    const audit = await db().selectFrom('audit_events').select(['action', 'actor_type', 'details']).where('subject_id', '=', subjectId).where('action', '=', 'consent.withdrawn').execute();
    expect(audit).toEqual([{ action: 'consent.withdrawn', actor_type: 'anonymous', details: expect.objectContaining({ consentRecordId: withdrawal?.id, method: 'unsubscribe_link' }) }]);

    // The email queued before the click is stopped at send time; new marketing is refused at once.
    await deliver();
    expect((await db().selectFrom('outbox_emails').select('status').where('id', '=', queuedBefore).executeTakeFirstOrThrow()).status).toBe('blocked');
    expect(fs.existsSync(path.join(dataDir, 'mail', `${queuedBefore}.eml`))).toBe(false);
    await expect(enqueue(subjectId)).rejects.toMatchObject({ code: 'MARKETING_NOT_PERMITTED' });
  });

  it('accepts the one-click POST as multipart/form-data, the encoding RFC 8058 prefers, and only on that route', async () => {
    const { subjectId, unsubscribe } = await consentingCustomer();
    const boundary = '----custodian-test-boundary';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const posted = await t.client().request('POST', unsubscribe, { raw: multipart, contentType: `multipart/form-data; boundary=${boundary}` });
    expect(posted.status).toBe(200);
    expect(await state(subjectId)).toMatchObject({ allowed: false, reason: 'withdrawn' });
    const elsewhere = await t.client().request('POST', '/api/v1/accounts', { raw: multipart, contentType: `multipart/form-data; boundary=${boundary}` });
    expect(elsewhere.status).toBe(415);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses forged tokens and another person\'s id under my signature, and records nothing', async () => {
    const mine = await consentingCustomer();
    const theirs = await consentingCustomer();
    const token = mine.unsubscribe.split('/').at(-1) ?? '';
    const [payload = '', mac = ''] = token.split('.');
    const otherPayload = theirs.unsubscribe.split('/').at(-1)?.split('.')[0] ?? '';
    // Changes the last character's spare bits only: the same bytes, spelt differently, must still be refused.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelt = `${mac.slice(0, -1)}${alphabet[alphabet.indexOf(mac.at(-1)!) + 1]}`;
    expect(Buffer.from(respelt, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    const flipped = `${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    const forgeries = [`${otherPayload}.${mac}`, `${payload}.${flipped}`, `${payload}.${respelt}`, 'not-a-token', `${Buffer.from(`${theirs.subjectId}\ndpv:DirectMarketing\nemail`).toString('base64url')}.${'A'.repeat(43)}`];
    const before = [(await records(mine.subjectId)).length, (await records(theirs.subjectId)).length];
    for (const forged of forgeries) {
      expect((await t.client().get(`/unsubscribe/${forged}`)).status).toBe(404);
      expect((await t.client().request('POST', `/unsubscribe/${forged}`, { raw: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' })).status).toBe(404);
    }
    expect([(await records(mine.subjectId)).length, (await records(theirs.subjectId)).length]).toEqual(before);
    expect((await state(mine.subjectId)).allowed).toBe(true);
    expect((await state(theirs.subjectId)).allowed).toBe(true);
  });
});
