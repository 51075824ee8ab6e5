import { createHash } from 'node:crypto';
import type { RequestContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { notifyConsentChanged } from '../consent-decisions/notify-consent-changed.js';
import { AppError } from '../errors/app-error.js';
import type { ConsentChannel, ConsentMethod, ConsentStatus } from './consent.tables.js';
import { insertConsentRecord } from './consent.store.js';

export { linkBrowserToSubject } from './link-browser-to-subject.js';

export interface RecordConsentInput {
  readonly subjectId?: string | null;
  /** A visitor's random id from a cookie, when no one is signed in. */
  readonly browserId?: string | null;
  /** A register/DPV purpose (e.g. "dpv:DirectMarketing") or a cookie category ("custodian:cookies-analytics"). */
  readonly purpose: string;
  readonly channel?: ConsentChannel | null;
  readonly status: ConsentStatus;
  readonly method: ConsentMethod;
  readonly noticeVersion: string;
  /** sha256 (hex) of the exact notice text shown when the choice was made. */
  readonly noticeTextHash: string;
  readonly expiresAt?: Date | null;
  readonly userAgentFamily?: string | null;
  /** Ids only (a confirmation token id, the record a copy links to); never personal data values. */
  readonly evidence?: Record<string, string | number | boolean | null>;
  /** When the choice was made; defaults to now. Copies made by linking keep the original time. */
  readonly occurredAt?: Date;
}

/** sha256 (hex) of a notice text, as stored in notice_text_hash. */
export function noticeTextHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Appends one consent record and its audit event in the caller's transaction; returns the record id.
 * The ledger is append-only: a change of mind is a new record, and the latest record wins.
 */
export async function recordConsent(ctx: RequestContext, input: RecordConsentInput): Promise<string> {
  const subjectId = input.subjectId ?? null;
  const browserId = input.browserId ?? null;
  if (!subjectId && !browserId) throw new AppError('VALIDATION_FAILED', 'A consent record needs a subject or a browser.');
  if (!input.purpose || !input.noticeVersion || !/^[0-9a-f]{64}$/.test(input.noticeTextHash)) {
    throw new AppError('VALIDATION_FAILED', 'A consent record needs a purpose, a notice version and the sha256 of the notice text.');
  }
  const id = await insertConsentRecord(ctx.trx, {
    subject_id: subjectId,
    browser_id: browserId,
    purpose: input.purpose,
    channel: input.channel ?? null,
    status: input.status,
    method: input.method,
    notice_version: input.noticeVersion,
    notice_text_hash: input.noticeTextHash,
    occurred_at: input.occurredAt ?? new Date(),
    expires_at: input.expiresAt ?? null,
    ip_truncated: ctx.ip,
    user_agent_family: input.userAgentFamily ?? null,
    evidence: input.evidence ?? {},
  });
  await recordAuditEvent(ctx, {
    action: `consent.${input.status}`,
    subjectId,
    details: { consentRecordId: id, purpose: input.purpose, channel: input.channel ?? null, method: input.method, noticeVersion: input.noticeVersion },
  });
  // Webhook delivery jobs for subscribed systems, committed with the record (outbox).
  await notifyConsentChanged(ctx, { recordId: id, subjectId, purpose: input.purpose, status: input.status });
  return id;
}
