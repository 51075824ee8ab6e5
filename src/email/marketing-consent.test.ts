import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadConfig } from '../config/load-config.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { Keyring } from '../crypto/keyring.js';
import { noticeTextHash, recordConsent } from '../consent/record-consent.js';
import { verifyUnsubscribeToken } from '../consent/unsubscribe-token.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { testMasterKey } from '../../test/test-app.js';
import { deliverDueEmails, type EmailDeliveryDeps } from './deliver-emails.js';
import { createEmailTransport } from './email-transport.js';
import { enqueueEmail } from './enqueue-email.js';

const keyring = new Keyring(Buffer.from(testMasterKey, 'base64'));
const tokenKey = Buffer.alloc(32, 9);
const offer = { messageClass: 'marketing' as const, template: 'test.offer', message: { to: 'ada@example.test', subject: 'Autumn offer', text: 'Two months free.' } };
const welcome = { messageClass: 'service' as const, template: 'test.welcome', message: { to: 'ada@example.test', subject: 'Maintenance tonight', text: 'We patch the servers.' } };

describe.each(databaseKinds)('marketing email and consent (%s)', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  let deps: EmailDeliveryDeps;
  const mailDir = () => path.join(dataDir, 'mail');
  const transport = () => createEmailTransport({ smtp: undefined, dataDir });
  const ctx = () => systemContext('dpv:ServiceProvision');
  const enqueue = (subjectId: string, input: typeof offer | typeof welcome) => inTransaction(database.db, ctx(), (c) => enqueueEmail(c, keyring, { subjectId, ...input }));
  const consent = (subjectId: string, status: 'given' | 'withdrawn') =>
    inTransaction(database.db, systemContext('dpv:LegalCompliance'), (c) => recordConsent(c, { subjectId, purpose: 'dpv:DirectMarketing', channel: 'email', status, method: 'account_form', noticeVersion: 'unpublished', noticeTextHash: noticeTextHash('notice') }));
  const row = (id: string) => database.db.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const newSubject = () => inTransaction(database.db, ctx(), async (c) => {
    const { id } = await c.trx.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow();
    await keyring.createSubjectKey(c.trx, id);
    return id;
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  beforeEach(async () => {
    await database.db.deleteFrom('outbox_emails').execute();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-marketing-'));
    const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_PUBLIC_URL: 'https://account.example.test', CUSTODIAN_PAYMENT_PROCESSOR: 'test', SMTP_FROM: 'Custodian <news@example.test>' });
    deps = { db: database.db, keyring, logger: createLogger('silent'), now: () => new Date(Date.now() + 1000), config, keys: { tokens: tokenKey } };
  });

  it('refuses to queue marketing without consent (silence is refusal) or after withdrawal', async () => {
    const subjectId = await newSubject();
    await expect(enqueue(subjectId, offer)).rejects.toMatchObject({ code: 'MARKETING_NOT_PERMITTED' });
    await consent(subjectId, 'given');
    await consent(subjectId, 'withdrawn');
    await expect(enqueue(subjectId, offer)).rejects.toMatchObject({ code: 'MARKETING_NOT_PERMITTED' });
    expect(await database.db.selectFrom('outbox_emails').select('id').where('subject_id', '=', subjectId).execute()).toEqual([]);
  });

  it('sends consented marketing with one-click List-Unsubscribe headers and an opt-out line', async () => {
    const subjectId = await newSubject();
    await consent(subjectId, 'given');
    const id = await enqueue(subjectId, offer);
    expect(await deliverDueEmails(deps, transport())).toBe(1);
    expect((await row(id)).status).toBe('sent');
    const [head = '', ...rest] = fs.readFileSync(path.join(mailDir(), `${id}.eml`), 'utf8').split('\r\n\r\n');
    const eml = `${head.replace(/\r\n[ \t]+/g, ' ')}\r\n`;
    const header = /^List-Unsubscribe: <(https:\/\/account\.example\.test\/unsubscribe\/([^>]+))>, <mailto:news@example\.test\?subject=unsubscribe%20([^>]+)>\r$/m.exec(eml);
    expect(header).not.toBeNull();
    expect(header?.[2]).toBe(header?.[3]);
    expect(verifyUnsubscribeToken(tokenKey, header?.[2] ?? '')).toEqual({ subjectId, purpose: 'dpv:DirectMarketing', channel: 'email' });
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(eml).not.toMatch(/^Auto-Submitted/m);
    const body = rest.join('\n').replace(/=\r\n/g, '');
    expect(body).toContain('Two months free.');
    expect(body).toContain('Unsubscribe with one click: https://account.example.test/unsubscribe/');
  });

  it('blocks a marketing email when consent is withdrawn between queueing and sending, and delivers nothing', async () => {
    const subjectId = await newSubject();
    await consent(subjectId, 'given');
    const id = await enqueue(subjectId, offer);
    await consent(subjectId, 'withdrawn');
    expect(await deliverDueEmails(deps, transport())).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'blocked', sent_at: null });
    expect(fs.existsSync(mailDir())).toBe(false);
    const audit = await database.db.selectFrom('audit_events').select('details').where('action', '=', 'email.blocked').where('subject_id', '=', subjectId).execute();
    expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ emailId: id, consent: 'withdrawn' })]);
  });

  it('never blocks service messages, whatever the marketing consent', async () => {
    const subjectId = await newSubject();
    await consent(subjectId, 'withdrawn');
    const id = await enqueue(subjectId, welcome);
    expect(await deliverDueEmails(deps, transport())).toBe(1);
    expect((await row(id)).status).toBe('sent');
    expect(fs.readFileSync(path.join(mailDir(), `${id}.eml`), 'utf8')).not.toMatch(/List-Unsubscribe/);
  });

  it('blocks consented marketing in a sender that cannot sign unsubscribe links', async () => {
    const subjectId = await newSubject();
    await consent(subjectId, 'given');
    const id = await enqueue(subjectId, offer);
    const { keys: _none, ...withoutKeys } = deps;
    expect(await deliverDueEmails(withoutKeys, transport())).toBe(1);
    expect((await row(id)).status).toBe('blocked');
    expect(fs.existsSync(mailDir())).toBe(false);
  });
});
