import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findAnnouncement, insertAnnouncement, setAnnouncementPublished, updateAnnouncementText } from './community.store.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

export interface AnnouncementText {
  readonly title: string;
  readonly body: string;
}

/** A new announcement, as a draft: nobody outside the console sees it until it is published. */
export async function createAnnouncement(deps: Deps, context: ContextWithoutTransaction, authorSubjectId: string | null, text: AnnouncementText): Promise<string> {
  return inTransaction(deps.db, context, async (ctx) => {
    const id = await insertAnnouncement(ctx.trx, { author_subject_id: authorSubjectId, title: text.title, body: text.body, created_at: deps.now() });
    await recordAuditEvent(ctx, { action: 'community.announcement_created', subjectId: null, details: { announcementId: id } });
    return id;
  });
}

export async function editAnnouncement(deps: Deps, context: ContextWithoutTransaction, id: string, text: AnnouncementText): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    if (!(await updateAnnouncementText(ctx.trx, id, text, deps.now()))) throw new AppError('NOT_FOUND', 'No such announcement');
    await recordAuditEvent(ctx, { action: 'community.announcement_edited', subjectId: null, details: { announcementId: id, fields: ['title', 'body'] } });
  });
}

/** Publishing again after unpublishing dates the announcement anew; publishing twice changes nothing. */
export async function publishAnnouncement(deps: Deps, context: ContextWithoutTransaction, id: string): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const announcement = await findAnnouncement(ctx.trx, id);
    if (!announcement) throw new AppError('NOT_FOUND', 'No such announcement');
    if (announcement.published_at) return;
    await setAnnouncementPublished(ctx.trx, id, deps.now(), deps.now());
    await recordAuditEvent(ctx, { action: 'community.announcement_published', subjectId: null, details: { announcementId: id } });
  });
}

export async function unpublishAnnouncement(deps: Deps, context: ContextWithoutTransaction, id: string): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const announcement = await findAnnouncement(ctx.trx, id);
    if (!announcement) throw new AppError('NOT_FOUND', 'No such announcement');
    if (!announcement.published_at) return;
    await setAnnouncementPublished(ctx.trx, id, null, deps.now());
    await recordAuditEvent(ctx, { action: 'community.announcement_unpublished', subjectId: null, details: { announcementId: id } });
  });
}
