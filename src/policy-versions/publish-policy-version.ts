import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { compareSnapshots, needsNotice } from './compare-versions.js';
import { noticeText, sha256Hex, takeSnapshot, type PolicySnapshot } from './policy-snapshot.js';
import { countNoticeRecipients, insertVersion, latestVersionRecord, lockPublishing, setNoticeTextHash, setNotifyTotal, versionById, versionRecord, type PolicyVersionSummary } from './policy-versions.store.js';

export const policyNoticesKind = 'policy.change_notices';

export interface PublishInput {
  /** YYYY-MM-DD, today or later, and not before the previous version's date. */
  readonly effectiveDate: string;
  readonly requiresAcceptance: boolean;
}

export const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Freezes the register in force into the next version. When purposes, recipients, transfers,
 * retention or rights changed against the previous version, a chain of batch jobs tells every
 * active account; this returns at once, the jobs do the work.
 */
export async function publishPolicyVersion(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, base: ContextWithoutTransaction, publisherSubjectId: string | null, input: PublishInput): Promise<PolicyVersionSummary> {
  if (input.effectiveDate < todayOf(deps.now())) {
    throw new AppError('VALIDATION_FAILED', 'The effective date must be today or later', { fieldErrors: [{ field: 'effectiveDate', message: 'Must be today or later' }] });
  }
  const id = await inTransaction(deps.db, { ...base, purpose: 'dpv:LegalCompliance' }, async (ctx) => {
    await lockPublishing(ctx.trx);
    const previous = await latestVersionRecord(ctx.trx);
    if (previous && input.effectiveDate < previous.effectiveDate) {
      throw new AppError('VALIDATION_FAILED', `The effective date must not be before that of version ${previous.version} (${previous.effectiveDate})`, { fieldErrors: [{ field: 'effectiveDate', message: `Must be ${previous.effectiveDate} or later` }] });
    }
    const snapshot = await takeSnapshot(ctx.trx, deps.config.retention);
    const changes = compareSnapshots((previous?.snapshot as PolicySnapshot | undefined) ?? null, snapshot);
    const notify = needsNotice(changes);
    const version = (previous?.version ?? 0) + 1;
    const { id, publishedAt } = await insertVersion(ctx.trx, {
      version, effectiveDate: input.effectiveDate, publishedBy: publisherSubjectId, snapshot, noticeTextHash: '',
      changes, requiresAcceptance: input.requiresAcceptance, notifyStatus: notify ? 'queued' : 'none',
    });
    // The hash is of the text as it will be rendered from the stored snapshot (jsonb reorders keys).
    const stored = await versionRecord(ctx.trx, version);
    await setNoticeTextHash(ctx.trx, id, sha256Hex(noticeText(stored!.snapshot as PolicySnapshot)));
    const total = notify ? await countNoticeRecipients(ctx.trx, publishedAt) : 0;
    if (notify) {
      await setNotifyTotal(ctx.trx, id, total);
      await enqueueJob(ctx.trx, { kind: policyNoticesKind, payload: { versionId: id, after: null }, dedupeKey: `${policyNoticesKind}:${id}:start` });
    }
    await recordAuditEvent(ctx, {
      action: 'policy.version_published',
      subjectId: null,
      details: { versionId: id, version, effectiveDate: input.effectiveDate, changed: changes.changed, requiresAcceptance: input.requiresAcceptance, notifyTotal: total },
    });
    return id;
  });
  return (await versionById(deps.db, id))!;
}
