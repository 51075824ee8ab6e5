import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { RequestContext } from '../context/request-context.js';
import { deattributeAnnouncementsOfSubject, deattributeCommentsOfSubject } from './community.store.js';

/**
 * The community's part of erasing a person (called by the erasure use case in its transaction):
 * every comment they wrote keeps its text but loses the link to them. No name was ever copied into
 * a comment, so once the link is gone the page shows "Former customer". A staff member's
 * announcements likewise lose their author link. Returns how many comments changed.
 */
export async function deattributeComments(ctx: RequestContext, subjectId: string, now: Date = new Date()): Promise<number> {
  const comments = await deattributeCommentsOfSubject(ctx.trx, subjectId, now);
  const announcements = await deattributeAnnouncementsOfSubject(ctx.trx, subjectId);
  if (comments.length + announcements > 0) {
    await recordAuditEvent(ctx, { action: 'community.comments_deattributed', subjectId, details: { comments: comments.length, announcements } });
  }
  return comments.length;
}
