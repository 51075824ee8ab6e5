import { recordAuditEvent } from '../audit/record-audit-event.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findTicketForStaff } from '../support/find-ticket-for-staff.js';
import { accountSummaryById, insertRecordGrant, liveRecordGrant, type AccountSummaryRow } from './customer-records.store.js';
import { readSubjectRecord, type SubjectRecord } from './read-subject-record.js';

/** How long one stated reason opens a customer's full record for the staff member who gave it. */
export const recordAccessValidity = 'PT30M';
export const reasonTextLength = { min: 15, max: 1000 } as const;
/** The AAD of the sealed free-text reason. */
export const reasonField = 'customer_record_grants.reason_enc';

export type RecordAccessReason = { readonly kind: 'ticket'; readonly reference: string } | { readonly kind: 'text'; readonly text: string };

export async function customerSummary(deps: Pick<AppDeps, 'db'>, accountId: string): Promise<AccountSummaryRow> {
  const account = await accountSummaryById(deps.db, accountId);
  if (!account) throw new AppError('NOT_FOUND', 'No such customer');
  return account;
}

/**
 * Records why a staff member opens a customer's full record and grants it for a short time. A
 * ticket reason must be a ticket of this very customer; a free-text reason is sealed with the
 * customer's key (it is about them, and their erasure must shred it), so the audit trail carries
 * only the grant's id.
 */
export async function grantRecordAccess(deps: AppDeps, base: ContextWithoutTransaction, input: { readonly staffId: string; readonly accountId: string; readonly reason: RecordAccessReason }): Promise<{ grantId: string; expiresAt: Date }> {
  const reason = input.reason;
  const purpose = reason.kind === 'ticket' ? 'dpv:CustomerCare' : 'dpv:LegalCompliance';
  return inTransaction(deps.db, { ...base, purpose }, async (ctx) => {
    const account = await accountSummaryById(ctx.trx, input.accountId);
    if (!account) throw new AppError('NOT_FOUND', 'No such customer');
    let ticketId: string | null = null;
    let reasonEnc: Buffer | null = null;
    if (reason.kind === 'ticket') {
      const ticket = await findTicketForStaff(ctx.trx, reason.reference);
      // One answer for "no such ticket" and "another customer's ticket": the form must not confirm references.
      if (!ticket || ticket.accountId !== account.id) throw ticketRefused();
      ticketId = ticket.id;
    } else {
      reasonEnc = (await deps.keyring.forSubject(ctx.trx, account.subject_id)).encrypt(reason.text.trim(), reasonField);
    }
    const now = deps.now();
    const expiresAt = addDuration(now, recordAccessValidity);
    const grantId = await insertRecordGrant(ctx.trx, { staff_id: input.staffId, subject_id: account.subject_id, reason_kind: reason.kind, ticket_id: ticketId, reason_enc: reasonEnc, granted_at: now, expires_at: expiresAt });
    await recordAuditEvent(ctx, { action: 'customer_record.access_granted', subjectId: account.subject_id, details: { accountId: account.id, grantId, reasonKind: reason.kind, ticketId, expiresAt: expiresAt.toISOString() } });
    return { grantId, expiresAt };
  });
}

function ticketRefused(): AppError {
  return new AppError('VALIDATION_FAILED', 'The reason for access is not valid', { fieldErrors: [{ field: 'ticket', message: 'No ticket with this reference belongs to this customer' }] });
}

export type CustomerRecordView = { readonly granted: false; readonly account: AccountSummaryRow } | { readonly granted: true; readonly account: AccountSummaryRow; readonly grantId: string; readonly expiresAt: Date; readonly record: SubjectRecord };

/**
 * The full record, if this staff member holds a live grant for this customer; otherwise only
 * that a reason is needed. Every view under a grant is recorded, naming the grant.
 */
export async function viewCustomerRecord(deps: AppDeps, base: ContextWithoutTransaction, input: { readonly staffId: string; readonly accountId: string }): Promise<CustomerRecordView> {
  const account = await customerSummary(deps, input.accountId);
  const grant = await liveRecordGrant(deps.db, input.staffId, account.subject_id, deps.now());
  if (!grant) return { granted: false, account };
  const purpose = grant.reason_kind === 'ticket' ? 'dpv:CustomerCare' : 'dpv:LegalCompliance';
  await inTransaction(deps.db, { ...base, purpose }, (ctx) => recordAuditEvent(ctx, { action: 'customer_record.viewed', subjectId: account.subject_id, details: { accountId: account.id, grantId: grant.id } }));
  const record = await readSubjectRecord(deps, account.subject_id, account.id);
  return { granted: true, account, grantId: grant.id, expiresAt: grant.expires_at, record };
}
