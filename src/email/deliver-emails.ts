import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { SubjectKeyShreddedError, type Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { backoffDelayMs, defaultBackoff, describeError, type BackoffPolicy } from '../jobs/backoff.js';
import { startPollLoop, type PollLoop } from '../jobs/poll-loop.js';
import { consentState } from '../consent/consent-state.js';
import { marketingEmailPurpose } from '../consent/consent-purposes.js';
import { unsubscribeLinks, unsubscribeToken } from '../consent/unsubscribe-token.js';
import { envelopeField, type EmailMessage } from './enqueue-email.js';
import { isPermanentFailure, type EmailTransport } from './email-transport.js';
import { claimDueEmails, recordEmailOutcome, type ClaimedEmail, type EmailOutcome } from './outbox.store.js';

export interface EmailDeliveryDeps {
  readonly db: Kysely<Database>;
  readonly keyring: Keyring;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly config: Pick<Config, 'mailFrom' | 'http'>;
  /** The token key signs unsubscribe links; without it no marketing email can go out. */
  readonly keys?: { readonly tokens: Buffer };
}

export interface EmailDeliveryOptions {
  readonly batchSize?: number;
  /** How long a claimed email stays reserved for the sender that claimed it. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly pollIntervalMs?: number;
}

export const recipientErased = 'recipient erased';
const marketingRefused = 'marketing needs recorded consent';
const noUnsubscribeKey = 'marketing needs an unsubscribe link';

/** Sends one batch of due outbox emails; returns how many were handled. */
export async function deliverDueEmails(deps: EmailDeliveryDeps, transport: EmailTransport, options: EmailDeliveryOptions = {}): Promise<number> {
  const now = deps.now();
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const claimed = await claimDueEmails(deps.db, now, new Date(now.getTime() + leaseMs), options.batchSize ?? 10);
  // One at a time: SMTP servers throttle parallel connections, and the batch is small.
  for (const email of claimed) await deliverOne(deps, transport, options, email);
  return claimed.length;
}

async function deliverOne(deps: EmailDeliveryDeps, transport: EmailTransport, options: EmailDeliveryOptions, email: ClaimedEmail): Promise<void> {
  const log = deps.logger.child({ emailId: email.id, template: email.template, attempt: email.attempts });
  // Checked again here, not only at enqueue: consent may have been withdrawn since, and a row
  // written by any other path must not go out either.
  let unsubscribe: { url: string; header: string } | null = null;
  if (email.message_class !== 'service') {
    const state = await consentState(deps.db, { subjectId: email.subject_id, purpose: marketingEmailPurpose, channel: 'email', now: deps.now() });
    if (!state.allowed || !deps.keys) {
      const reason = !state.allowed ? marketingRefused : noUnsubscribeKey;
      await settle(deps, email, { status: 'blocked', error: reason }, 'email.blocked', { reason, consent: state.reason });
      log.warn({ consent: state.reason }, 'marketing email blocked');
      return;
    }
    unsubscribe = unsubscribeLinks(deps.config.http.publicUrl, deps.config.mailFrom, unsubscribeToken(deps.keys.tokens, { subjectId: email.subject_id, purpose: marketingEmailPurpose, channel: 'email' }));
  }
  let message: EmailMessage;
  try {
    const cipher = await deps.keyring.forSubject(deps.db, email.subject_id);
    message = JSON.parse(cipher.decrypt(email.envelope_enc, envelopeField)) as EmailMessage;
  } catch (error) {
    if (!(error instanceof SubjectKeyShreddedError)) return retryOrFail(deps, options, email, error);
    // Erased: the address is unreadable for good, so no retry could ever succeed.
    await settle(deps, email, { status: 'failed', error: recipientErased }, 'email.failed', { reason: recipientErased });
    log.info('email not sent: recipient erased');
    return;
  }
  try {
    const sent = await transport.send({ outboxId: email.id, from: deps.config.mailFrom, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}), messageId: messageIdFor(email.id, deps.config.http.publicUrl), ...(unsubscribe ? { unsubscribe } : {}) });
    await settle(deps, email, { status: 'sent', sentAt: deps.now(), transportMessageId: sent.messageId }, 'email.sent', { transport: transport.name });
    log.info({ transport: transport.name }, 'email sent');
  } catch (error) {
    await retryOrFail(deps, options, email, error);
  }
}

/** A failed attempt: retried with backoff, or failed for good when permanent or out of attempts. */
async function retryOrFail(deps: EmailDeliveryDeps, options: EmailDeliveryOptions, email: ClaimedEmail, error: unknown): Promise<void> {
  const log = deps.logger.child({ emailId: email.id, template: email.template, attempt: email.attempts });
  const reason = describeError(error);
  const errorClass = error instanceof Error ? error.name : 'NonError';
  if (isPermanentFailure(error) || email.attempts >= (options.maxAttempts ?? 8)) {
    await settle(deps, email, { status: 'failed', error: reason }, 'email.failed', { reason: 'delivery failed', errorClass });
    log.error({ errorClass }, 'email delivery failed for good');
    return;
  }
  const nextAttemptAt = new Date(deps.now().getTime() + backoffDelayMs(email.attempts, options.backoff ?? defaultBackoff, options.random));
  await settle(deps, email, { status: 'queued', nextAttemptAt, error: reason }, 'email.deferred', { errorClass, nextAttemptAt: nextAttemptAt.toISOString() });
  log.warn({ errorClass }, 'email delivery failed; retry scheduled');
}

/** The row's new state and its audit event commit together (ids, template and reasons only). */
async function settle(deps: EmailDeliveryDeps, email: ClaimedEmail, outcome: EmailOutcome, action: string, details: Record<string, string>): Promise<void> {
  await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    if (!(await recordEmailOutcome(ctx.trx, email.id, email.attempts, outcome))) return;
    await recordAuditEvent(ctx, { action, subjectId: email.subject_id, details: { emailId: email.id, template: email.template, messageClass: email.message_class, attempt: email.attempts, ...details } });
  });
}

function messageIdFor(outboxId: string, publicUrl: string): string {
  return `<${outboxId}@${new URL(publicUrl).hostname}>`;
}

/** Delivers until stopped; several processes may run it on one PostgreSQL. */
export function startEmailDelivery(deps: EmailDeliveryDeps, transport: EmailTransport, options: EmailDeliveryOptions = {}): PollLoop {
  return startPollLoop('email', () => deliverDueEmails(deps, transport, options), options.pollIntervalMs ?? 1000, deps.logger);
}
