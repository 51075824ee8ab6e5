import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { normaliseEmail } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit.js';
import { insertSubject } from '../subjects/subjects.store.js';
import type { UploadedFile } from '../uploads/uploads.js';
import { applicationFields, sealCv } from './application-fields.js';
import { applicationStatusToken, applicationStatusUrl } from './application-token.js';
import { findOpening, insertApplication } from './careers.store.js';
import { retentionText } from './retention-text.js';

export interface ApplicationInput {
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly coverLetter: string;
  readonly cv: UploadedFile;
  /** The language of the form, used for the confirmation email. */
  readonly locale: string;
}

/** A CV of a few pages; larger files are refused by the upload parser before they reach here. */
export const cvLimits = { maxBytes: 5 * 1024 * 1024 } as const;

/**
 * The form emails whatever address is typed in, so besides the per-IP limit of the route it is
 * limited per recipient address whatever the IP (the route's keyFields would key on IP and address
 * together, which many IPs get round): it cannot become a relay flooding one inbox.
 */
export const applicationsPerAddress = { scope: 'careers.apply.address', limit: 5, window: 'P1D' } as const;

export async function limitApplicationsPerAddress(deps: Pick<AppDeps, 'db' | 'keys' | 'now'>, email: string): Promise<void> {
  await consumeRateLimit(deps.db, deps.keys.rateLimit, { ...applicationsPerAddress, parts: [normaliseEmail(email)] }, deps.now());
}

/**
 * Stores an application for an open position. The applicant becomes a subject of kind 'applicant'
 * with a key of their own, never linked to a customer account (even when a customer applies), and
 * gets an email with a private status link from which they can withdraw and ask for removal.
 */
export async function applyForJob(deps: Pick<AppDeps, 'db' | 'keyring' | 'keys' | 'config' | 'now'>, context: ContextWithoutTransaction, openingId: string, input: ApplicationInput): Promise<{ applicationId: string; subjectId: string }> {
  if (input.cv.mediaType !== 'application/pdf') throw new AppError('FILE_TYPE_NOT_ALLOWED', 'The CV must be a PDF file');
  return inTransaction(deps.db, context, async (ctx) => {
    const opening = await findOpening(ctx.trx, openingId);
    if (!opening || opening.status !== 'open') throw new AppError('NOT_FOUND', 'This position is not open');
    const subjectId = await insertSubject(ctx.trx, 'applicant');
    const cipher = await deps.keyring.createSubjectKey(ctx.trx, subjectId);
    const now = deps.now();
    const applicationId = await insertApplication(ctx.trx, {
      opening_id: openingId,
      applicant_subject_id: subjectId,
      name_enc: cipher.encrypt(input.name, applicationFields.name),
      email_enc: cipher.encrypt(input.email, applicationFields.email),
      phone_enc: input.phone ? cipher.encrypt(input.phone, applicationFields.phone) : null,
      cover_letter_enc: cipher.encrypt(input.coverLetter, applicationFields.coverLetter),
      cv_filename_enc: cipher.encrypt(input.cv.filename, applicationFields.cvFilename),
      cv_content_enc: sealCv(cipher, input.cv.data),
      cv_bytes: input.cv.data.length,
      received_at: now,
      status_changed_at: now,
    });
    await recordAuditEvent(ctx, { action: 'careers.application_received', subjectId, details: { applicationId, openingId, fields: input.phone ? ['name', 'email', 'phone', 'coverLetter', 'cv'] : ['name', 'email', 'coverLetter', 'cv'] } });
    const tr = translator(input.locale);
    const link = applicationStatusUrl(deps.config.http.publicUrl, applicationStatusToken(deps.keys.tokens, applicationId));
    await enqueueEmail(ctx, deps.keyring, {
      subjectId,
      messageClass: 'service',
      template: 'careers.application_received',
      message: {
        to: input.email,
        subject: tr('careers.email.received.subject', { position: opening.title }),
        // No name and nothing else the sender typed: the address may not be the sender's own.
        text: `${tr('careers.email.greeting')}\n\n${tr('careers.email.received.body', { position: opening.title, link, retention: retentionText(tr, deps.config.retention.applicants) })}\n\n${tr('careers.email.signature')}\n`,
      },
    });
    return { applicationId, subjectId };
  });
}
