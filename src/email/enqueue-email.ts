import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { AppError } from '../errors/app-error.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { consentState } from '../consent/consent-state.js';
import { marketingEmailPurpose } from '../consent/consent-purposes.js';
import type { MessageClass } from './email.tables.js';
import { insertOutboxEmail } from './outbox.store.js';

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

export interface EnqueueEmailInput {
  readonly subjectId: string;
  readonly messageClass: MessageClass;
  /** Stable name of what is sent, e.g. "account.verify_email"; recorded in the audit trail. */
  readonly template: string;
  readonly message: EmailMessage;
}

/** The envelope's field name in the subject's encryption AAD. */
export const envelopeField = 'outbox_emails.envelope_enc';

/**
 * Writes the email to the outbox in the caller's transaction, sealed with the recipient's key, so it
 * is sent exactly when the event that caused it commits. Marketing is refused unless the consent
 * ledger shows the recipient's consent to direct marketing by email right now (checked again at
 * send time). Resellers' promotional mail goes through here too and follows the same rule (H.44).
 */
export async function enqueueEmail(ctx: RequestContext, keyring: Keyring, input: EnqueueEmailInput): Promise<string> {
  if (input.messageClass === 'marketing') {
    // Silence is refusal: only a current 'given' record in the ledger lets marketing into the outbox.
    const state = await consentState(ctx.trx, { subjectId: input.subjectId, purpose: marketingEmailPurpose, channel: 'email', now: new Date() });
    if (!state.allowed) throw new AppError('MARKETING_NOT_PERMITTED', `Marketing email needs recorded consent (${state.reason}).`);
  }
  const cipher = await keyring.forSubject(ctx.trx, input.subjectId);
  const envelope = cipher.encrypt(JSON.stringify(input.message), envelopeField);
  const id = await insertOutboxEmail(ctx.trx, { subject_id: input.subjectId, message_class: input.messageClass, template: input.template, envelope_enc: envelope });
  await recordAuditEvent(ctx, { action: 'email.queued', subjectId: input.subjectId, details: { emailId: id, template: input.template, messageClass: input.messageClass } });
  return id;
}
