import { recordAuditEvent } from '../audit/record-audit-event.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { applicationFields, openCv, openNotes, sealNotes, type StaffNote } from './application-fields.js';
import { findApplication, findApplicationForUpdate, findOpening, listApplications, updateApplicationStatus, updateStaffNotes } from './careers.store.js';
import { closingStatuses, type ApplicationStatus } from './careers.tables.js';

type Deps = Pick<AppDeps, 'db' | 'keyring' | 'config' | 'now'>;

/** The statuses staff set; 'withdrawn' belongs to the applicant alone. */
export const staffStatuses = ['received', 'reviewing', 'rejected', 'offered', 'hired'] as const satisfies readonly ApplicationStatus[];
export type StaffStatus = (typeof staffStatuses)[number];
export const noteLimit = 5000;

export interface ApplicationSummary {
  readonly id: string;
  readonly name: string;
  readonly positionTitle: string;
  readonly status: ApplicationStatus;
  readonly receivedAt: Date;
  readonly deletedBy: Date | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  readonly email: string;
  readonly phone: string | null;
  readonly coverLetter: string;
  readonly cvFilename: string;
  readonly cvBytes: number;
  readonly notes: readonly StaffNote[];
  readonly removalRequestedAt: Date | null;
}

const deletedBy = (deps: Deps, start: Date | null) => (start ? addDuration(start, deps.config.retention.applicants) : null);

/** Newest first, with each applicant's name opened with their own key. */
export async function listApplicationsForStaff(deps: Deps): Promise<ApplicationSummary[]> {
  const rows = await listApplications(deps.db, 500);
  const result: ApplicationSummary[] = [];
  for (const row of rows) {
    const cipher = await deps.keyring.forSubject(deps.db, row.applicant_subject_id);
    result.push({ id: row.id, name: cipher.decrypt(row.name_enc, applicationFields.name), positionTitle: row.opening_title, status: row.status, receivedAt: row.received_at, deletedBy: deletedBy(deps, row.retention_starts_at) });
  }
  return result;
}

/** Opens one application for a reviewer; every opening is audited with who looked and why. */
export async function viewApplication(deps: Deps, context: ContextWithoutTransaction, applicationId: string): Promise<ApplicationDetail> {
  return inTransaction(deps.db, context, async (ctx) => {
    const row = await findApplication(ctx.trx, applicationId);
    if (!row) throw new AppError('NOT_FOUND', 'No such application');
    const opening = await findOpening(ctx.trx, row.opening_id);
    const cipher = await deps.keyring.forSubject(ctx.trx, row.applicant_subject_id);
    await recordAuditEvent(ctx, { action: 'careers.application_viewed', subjectId: row.applicant_subject_id, details: { applicationId } });
    return {
      id: row.id,
      name: cipher.decrypt(row.name_enc, applicationFields.name),
      positionTitle: opening?.title ?? '',
      status: row.status,
      receivedAt: row.received_at,
      deletedBy: deletedBy(deps, row.retention_starts_at),
      email: cipher.decrypt(row.email_enc, applicationFields.email),
      phone: row.phone_enc ? cipher.decrypt(row.phone_enc, applicationFields.phone) : null,
      coverLetter: cipher.decrypt(row.cover_letter_enc, applicationFields.coverLetter),
      cvFilename: cipher.decrypt(row.cv_filename_enc, applicationFields.cvFilename),
      cvBytes: row.cv_bytes,
      notes: openNotes(cipher, row),
      removalRequestedAt: row.removal_requested_at,
    };
  });
}

/** The CV for download; audited like a view. */
export async function downloadCv(deps: Deps, context: ContextWithoutTransaction, applicationId: string): Promise<{ filename: string; data: Buffer }> {
  return inTransaction(deps.db, context, async (ctx) => {
    const row = await findApplication(ctx.trx, applicationId);
    if (!row) throw new AppError('NOT_FOUND', 'No such application');
    const cipher = await deps.keyring.forSubject(ctx.trx, row.applicant_subject_id);
    await recordAuditEvent(ctx, { action: 'careers.cv_downloaded', subjectId: row.applicant_subject_id, details: { applicationId } });
    return { filename: cipher.decrypt(row.cv_filename_enc, applicationFields.cvFilename), data: openCv(cipher, row.cv_content_enc) };
  });
}

/** A reviewer's decision. Rejected and hired close the application and start its retention period. */
export async function changeApplicationStatus(deps: Deps, context: ContextWithoutTransaction, applicationId: string, status: StaffStatus): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const row = await findApplicationForUpdate(ctx.trx, applicationId);
    if (!row) throw new AppError('NOT_FOUND', 'No such application');
    if (row.status === 'withdrawn') throw new AppError('CONFLICT', 'The applicant has withdrawn this application; its status cannot change');
    if (row.status === status) return;
    await updateApplicationStatus(ctx.trx, applicationId, { status, now: deps.now(), startsRetention: closingStatuses.includes(status) });
    await recordAuditEvent(ctx, { action: 'careers.application_status_changed', subjectId: row.applicant_subject_id, details: { applicationId, from: row.status, to: status } });
  });
}

/** Appends a note, sealed with the applicant's key like the rest of the application. */
export async function addStaffNote(deps: Deps, context: ContextWithoutTransaction, applicationId: string, text: string): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const row = await findApplicationForUpdate(ctx.trx, applicationId);
    if (!row) throw new AppError('NOT_FOUND', 'No such application');
    const cipher = await deps.keyring.forSubject(ctx.trx, row.applicant_subject_id);
    const notes = [...openNotes(cipher, row), { at: deps.now().toISOString(), text }];
    await updateStaffNotes(ctx.trx, applicationId, sealNotes(cipher, notes));
    await recordAuditEvent(ctx, { action: 'careers.application_noted', subjectId: row.applicant_subject_id, details: { applicationId, notes: notes.length } });
  });
}
