import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { createLogger } from '../app/logger.js';
import { loadConfig } from '../config/load-config.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { Keyring } from '../crypto/keyring.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { testMasterKey } from '../../test/test-app.js';
import { deliverDueEmails, type EmailDeliveryDeps } from './deliver-emails.js';
import { createEmailTransport, type EmailTransport } from './email-transport.js';
import { enqueueEmail } from './enqueue-email.js';

const keyring = new Keyring(Buffer.from(testMasterKey, 'base64'));

interface Received { from: string; to: string[]; raw: string }

/** A real SMTP server on 127.0.0.1; `reject` makes it refuse recipients with the given reply code. */
function startSmtpServer(): Promise<{ port: number; received: Received[]; reject: { code: number | null }; close(): Promise<void> }> {
  const received: Received[] = [];
  const reject = { code: null as number | null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (reject.code === null) return callback();
      return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: reject.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, received, reject, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

describe.each(databaseKinds)('email delivery over SMTP (%s)', (kind) => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: EmailTransport;
  let deps: EmailDeliveryDeps;
  let clock: Date;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    smtp = await startSmtpServer();
    const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Custodian <no-reply@host.example.test>' });
    transport = createEmailTransport(config);
    deps = { db: database.db, keyring, logger: createLogger('silent'), now: () => clock, config };
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
    await database.dispose();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.reject.code = null;
    clock = new Date(Date.now() + 1000);
  });

  async function enqueueFor(to: string): Promise<{ subjectId: string; id: string }> {
    return inTransaction(database.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
      const { id: subjectId } = await ctx.trx.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow();
      await keyring.createSubjectKey(ctx.trx, subjectId);
      const id = await enqueueEmail(ctx, keyring, { subjectId, messageClass: 'service', template: 'test.verify', message: { to, subject: 'Confirm your address', text: 'Open the link.' } });
      return { subjectId, id };
    });
  }
  const row = (id: string) => database.db.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('delivers to the right recipient with the right subject and no List-Unsubscribe', async () => {
    const { id } = await enqueueFor('grace@example.test');
    expect(await deliverDueEmails(deps, transport)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(['grace@example.test']);
    expect(mail?.from).toBe('no-reply@host.example.test');
    expect(mail?.raw).toMatch(/^Subject: Confirm your address\r$/m);
    expect(mail?.raw).toMatch(/^To: grace@example\.test\r$/m);
    expect(mail?.raw).not.toMatch(/List-Unsubscribe/i);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, transport_message_id: expect.stringContaining(id) });
  });

  it('defers on a temporary refusal (4xx) and fails at once on a permanent one (5xx), storing no address', async () => {
    const { id } = await enqueueFor('temp@example.test');
    smtp.reject.code = 451;
    expect(await deliverDueEmails(deps, transport)).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1 });
    clock = new Date(clock.getTime() + 24 * 3600_000);
    smtp.reject.code = 550;
    expect(await deliverDueEmails(deps, transport)).toBe(1);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.last_error).not.toContain('temp@example.test');
    expect(smtp.received).toEqual([]);
  });
});
