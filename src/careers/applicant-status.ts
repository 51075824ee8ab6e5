import { recordAuditEvent } from '../audit/record-audit-event.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { openApplicationStatusToken } from './application-token.js';
import { deleteApplication, findApplication, findApplicationForUpdate, findOpening, updateApplicationStatus } from './careers.store.js';
import { closingStatuses, type ApplicationStatus } from './careers.tables.js';

type Deps = Pick<AppDeps, 'db' | 'keys' | 'config' | 'now' | 'keyring'>;

/** What the applicant's status page shows: no personal data, since a link can be forwarded. */
export interface ApplicantStatusView {
  readonly positionTitle: string;
  readonly status: ApplicationStatus;
  readonly receivedAt: Date;
  readonly removalRequestedAt: Date | null;
  /** When the retention sweep deletes the application at the latest; null while the recruitment is under way. */
  readonly deletedBy: Date | null;
}

function applicationIdOf(deps: Deps, token: string): string {
  const id = openApplicationStatusToken(deps.keys.tokens, token);
  if (!id) throw new AppError('TOKEN_INVALID', 'This link is not valid');
  return id;
}

export async function applicantStatus(deps: Deps, token: string): Promise<ApplicantStatusView> {
  const row = await findApplication(deps.db, applicationIdOf(deps, token));
  if (!row) throw new AppError('NOT_FOUND', 'This application no longer exists: it has been deleted');
  const opening = await findOpening(deps.db, row.opening_id);
  return {
    positionTitle: opening?.title ?? '',
    status: row.status,
    receivedAt: row.received_at,
    removalRequestedAt: row.removal_requested_at,
    deletedBy: row.retention_starts_at ? addDuration(row.retention_starts_at, deps.config.retention.applicants) : null,
  };
}

/**
 * The applicant withdraws and asks for removal. Before any decision (the recruitment still under
 * way for them, no retention start) nobody can bring a claim about the recruitment (an AGG §15(4)
 * claim needs a rejection), so nothing justifies keeping it: the application is deleted at once and
 * the applicant's key shredded, which also makes the emails sent to them unreadable. After a decision
 * (rejected, hired, or the position closed) it is kept for the configured period at most and then
 * deleted by the retention sweep; the decided status stays and the request is recorded.
 */
export async function withdrawApplication(deps: Deps, context: ContextWithoutTransaction, token: string): Promise<{ deleted: boolean }> {
  const applicationId = applicationIdOf(deps, token);
  return inTransaction(deps.db, context, async (ctx) => {
    const row = await findApplicationForUpdate(ctx.trx, applicationId);
    if (!row) throw new AppError('NOT_FOUND', 'This application no longer exists: it has been deleted');
    if (row.removal_requested_at) return { deleted: false };
    const now = deps.now();
    if (row.retention_starts_at === null) {
      await deleteApplication(ctx.trx, applicationId, row.applicant_subject_id, now);
      await deps.keyring.shred(ctx.trx, row.applicant_subject_id);
      await recordAuditEvent(ctx, { action: 'careers.application_withdrawn', subjectId: row.applicant_subject_id, details: { applicationId, previousStatus: row.status, deleted: true } });
      return { deleted: true };
    }
    const status = closingStatuses.includes(row.status) ? row.status : 'withdrawn';
    await updateApplicationStatus(ctx.trx, applicationId, { status, now, startsRetention: true, removalRequested: true });
    await recordAuditEvent(ctx, { action: 'careers.application_withdrawn', subjectId: row.applicant_subject_id, details: { applicationId, previousStatus: row.status, deleted: false } });
    return { deleted: false };
  });
}
