import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadConfig } from '../config/load-config.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { Keyring } from '../crypto/keyring.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { testMasterKey } from '../../test/test-app.js';
import { deliverDueEmails, type EmailDeliveryDeps } from './deliver-emails.js';
import { createEmailTransport } from './email-transport.js';
import { enqueueEmail, envelopeField } from './enqueue-email.js';

const keyring = new Keyring(Buffer.from(testMasterKey, 'base64'));
const service = (to: string) => ({ messageClass: 'service' as const, template: 'test.welcome', message: { to, subject: 'Welcome to Custodian', text: 'Hello.\nYour account is ready.' } });

async function newSubject(database: TestDatabase): Promise<string> {
  return inTransaction(database.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    const { id } = await ctx.trx.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow();
    await keyring.createSubjectKey(ctx.trx, id);
    return id;
  });
}

describe.each(databaseKinds)('email delivery to .eml files (%s)', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  let clock: Date;
  let deps: EmailDeliveryDeps;
  const mailDir = () => path.join(dataDir, 'mail');
  const enqueue = (subjectId: string, to = 'ada@example.test') =>
    inTransaction(database.db, systemContext('dpv:ServiceProvision'), (ctx) => enqueueEmail(ctx, keyring, { subjectId, ...service(to) }));
  const row = (id: string) => database.db.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  beforeEach(async () => {
    await database.db.deleteFrom('outbox_emails').execute();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-mail-'));
    clock = new Date(Date.now() + 1000);
    const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_PUBLIC_URL: 'https://account.example.test', CUSTODIAN_PAYMENT_PROCESSOR: 'test' });
    deps = { db: database.db, keyring, logger: createLogger('silent'), now: () => clock, config };
  });

  it('writes an RFC 5322 message named by the outbox id, marks it sent and audits it by id', async () => {
    const subjectId = await newSubject(database);
    const id = await enqueue(subjectId);
    const transport = createEmailTransport({ smtp: undefined, dataDir });
    expect(await deliverDueEmails(deps, transport)).toBe(1);
    expect(fs.readdirSync(mailDir())).toEqual([`${id}.eml`]);
    const eml = fs.readFileSync(path.join(mailDir(), `${id}.eml`), 'utf8');
    expect(eml).toMatch(/^To: ada@example\.test\r$/m);
    expect(eml).toMatch(/^Subject: Welcome to Custodian\r$/m);
    expect(eml).toMatch(new RegExp(`^Message-ID: <${id}@account\\.example\\.test>\\r$`, 'm'));
    expect(eml).not.toMatch(/List-Unsubscribe/i);
    expect(eml.split('\r\n\r\n')[1]).toContain('Your account is ready.');
    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, transport_message_id: `<${id}@account.example.test>`, last_error: null });
    expect(sent.sent_at).toBeInstanceOf(Date);
    const audit = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'email.sent').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subject_id: subjectId, actor_type: 'system', details: { emailId: id, template: 'test.welcome', transport: 'file' } });
    expect(JSON.stringify(audit[0]?.details)).not.toContain('ada@');
    expect(await deliverDueEmails(deps, transport)).toBe(0);
  });

  it('never sends an email whose transaction rolled back', async () => {
    const subjectId = await newSubject(database);
    await expect(
      inTransaction(database.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
        await enqueueEmail(ctx, keyring, { subjectId, ...service('rolled@example.test') });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await deliverDueEmails(deps, createEmailTransport({ smtp: undefined, dataDir }))).toBe(0);
    expect(fs.existsSync(mailDir())).toBe(false);
    expect(await database.db.selectFrom('outbox_emails').select('id').execute()).toEqual([]);
  });

  it('blocks a marketing row written past enqueueEmail, at send time', async () => {
    const subjectId = await newSubject(database);
    const envelope = (await keyring.forSubject(database.db, subjectId)).encrypt(JSON.stringify({ to: 'ada@example.test', subject: 'Offer', text: 'Buy' }), envelopeField);
    const { id } = await database.db.insertInto('outbox_emails').values({ subject_id: subjectId, message_class: 'marketing', template: 'test.offer', envelope_enc: envelope }).returning('id').executeTakeFirstOrThrow();
    expect(await deliverDueEmails(deps, createEmailTransport({ smtp: undefined, dataDir }))).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'blocked', sent_at: null });
    expect(fs.existsSync(mailDir())).toBe(false);
    const audit = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', subjectId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['email.blocked']);
  });

  it('fails an email to an erased (key-shredded) recipient once, without retrying', async () => {
    const subjectId = await newSubject(database);
    const id = await enqueue(subjectId);
    await inTransaction(database.db, systemContext('dpv:LegalCompliance'), (ctx) => keyring.shred(ctx.trx, subjectId));
    const transport = createEmailTransport({ smtp: undefined, dataDir });
    expect(await deliverDueEmails(deps, transport)).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'recipient erased', attempts: 1 });
    clock = new Date(clock.getTime() + 30 * 24 * 3600_000);
    expect(await deliverDueEmails(deps, transport)).toBe(0);
    expect((await row(id)).attempts).toBe(1);
    expect(fs.existsSync(mailDir())).toBe(false);
  });

  it('retries a failing transport with backoff, then fails after max attempts', async () => {
    const subjectId = await newSubject(database);
    const id = await enqueue(subjectId);
    // A real failure: the data "directory" is a file, so the mail folder cannot be created.
    const blocked = path.join(dataDir, 'not-a-directory');
    fs.writeFileSync(blocked, '');
    const transport = createEmailTransport({ smtp: undefined, dataDir: blocked });
    const options = { maxAttempts: 2, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0 };
    expect(await deliverDueEmails(deps, transport, options)).toBe(1);
    const deferred = await row(id);
    expect(deferred).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringMatching(/^Error: ENOTDIR/) });
    expect(deferred.next_attempt_at.getTime()).toBe(clock.getTime() + 30_000);
    expect(await deliverDueEmails(deps, transport, options)).toBe(0);
    clock = new Date(clock.getTime() + 30_000);
    expect(await deliverDueEmails(deps, transport, options)).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    const audit = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', subjectId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['email.queued', 'email.deferred', 'email.failed']);
  });
});
