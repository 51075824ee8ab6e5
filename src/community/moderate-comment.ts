import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findComment, setCommentHidden } from './community.store.js';

/**
 * Moderation: a hidden comment stays stored (so it can be restored and the decision reviewed) but
 * the public sees only that it was hidden. Both directions are audited with the moderator as actor.
 */
export async function setCommentVisibility(deps: Pick<AppDeps, 'db' | 'now'>, context: ContextWithoutTransaction, announcementId: string, commentId: string, visibility: 'hidden' | 'visible'): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const comment = await findComment(ctx.trx, announcementId, commentId);
    if (!comment) throw new AppError('NOT_FOUND', 'No such comment');
    const hidden = visibility === 'hidden';
    if ((comment.hidden_at !== null) === hidden) return;
    await setCommentHidden(ctx.trx, commentId, hidden ? deps.now() : null);
    await recordAuditEvent(ctx, { action: hidden ? 'community.comment_hidden' : 'community.comment_restored', subjectId: comment.author_subject_id, details: { announcementId, commentId } });
  });
}
