import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AccountPrincipal } from '../http/principal.js';
import { countCommentsOfAccountSince, deleteCommentOfAccount, findAnnouncement, findComment, insertComment } from './community.store.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

/** Comments are short; one person may post a few in a row, then waits (counted from the stored comments, a sliding window). */
export const commentRules = { maxLength: 2000, perAccount: 5, windowMinutes: 10 } as const;

export interface CommentAuthor {
  readonly accountId: string;
  readonly subjectId: string;
}

/**
 * A comment is the signed-in person's own speech, shown under their own name: while they act for
 * another account as a trusted user they cannot comment, so nobody speaks in an owner's name.
 */
export function commentAuthorOf(account: AccountPrincipal): CommentAuthor {
  if (account.acting) throw new AppError('FORBIDDEN', 'Switch back to your own account to comment');
  return { accountId: account.accountId, subjectId: account.subjectId };
}

/** Posts a comment under a published announcement. The body arrives with card numbers already masked by the route. */
export async function postComment(deps: Deps, context: ContextWithoutTransaction, author: CommentAuthor, announcementId: string, body: string): Promise<string> {
  const now = deps.now();
  const since = new Date(now.getTime() - commentRules.windowMinutes * 60_000);
  if ((await countCommentsOfAccountSince(deps.db, author.accountId, since)) >= commentRules.perAccount) {
    throw new AppError('RATE_LIMITED', `You can post ${commentRules.perAccount} comments in ${commentRules.windowMinutes} minutes; please wait a little.`, { headers: { 'retry-after': String(commentRules.windowMinutes * 60) } });
  }
  return inTransaction(deps.db, context, async (ctx) => {
    const announcement = await findAnnouncement(ctx.trx, announcementId);
    if (!announcement?.published_at) throw new AppError('NOT_FOUND', 'No such announcement');
    const id = await insertComment(ctx.trx, { announcement_id: announcementId, author_subject_id: author.subjectId, author_account_id: author.accountId, body, created_at: now });
    await recordAuditEvent(ctx, { action: 'community.comment_posted', subjectId: author.subjectId, details: { announcementId, commentId: id } });
    return id;
  });
}

/** The author removes their own comment for good; anyone else's comment is "not found". */
export async function deleteOwnComment(deps: Deps, context: ContextWithoutTransaction, author: CommentAuthor, announcementId: string, commentId: string): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const comment = await findComment(ctx.trx, announcementId, commentId);
    if (!comment || comment.author_account_id !== author.accountId || !(await deleteCommentOfAccount(ctx.trx, commentId, author.accountId))) {
      throw new AppError('NOT_FOUND', 'No such comment of yours');
    }
    await recordAuditEvent(ctx, { action: 'community.comment_deleted', subjectId: author.subjectId, details: { announcementId, commentId } });
  });
}
