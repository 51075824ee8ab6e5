import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AnnouncementCommentsTable, AnnouncementsTable } from './community.tables.js';

type Db = Kysely<Database> | Transaction<Database>;
export type AnnouncementRow = Selectable<AnnouncementsTable>;
export type CommentRow = Selectable<AnnouncementCommentsTable>;

/** A comment with what its author's name is derived from; the account columns are null once de-attributed. */
export interface CommentWithAuthorRow extends CommentRow {
  readonly account_subject_id: string | null;
  readonly first_name_enc: Buffer | null;
  readonly last_name_enc: Buffer | null;
}

export async function insertAnnouncement(trx: Transaction<Database>, row: { author_subject_id: string | null; title: string; body: string; created_at: Date }): Promise<string> {
  const inserted = await trx.insertInto('announcements').values({ ...row, updated_at: row.created_at, published_at: null }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateAnnouncementText(trx: Transaction<Database>, id: string, text: { title: string; body: string }, now: Date): Promise<boolean> {
  const result = await trx.updateTable('announcements').set({ ...text, updated_at: now }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Publishes (keeping the first publication time when published again) or unpublishes (null). */
export async function setAnnouncementPublished(trx: Transaction<Database>, id: string, publishedAt: Date | null, now: Date): Promise<boolean> {
  const result = await trx.updateTable('announcements').set({ published_at: publishedAt, updated_at: now }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findAnnouncement(db: Db, id: string): Promise<AnnouncementRow | undefined> {
  return db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Announcements newest first with their count of visible comments; only published ones unless `includeDrafts`. */
export async function listAnnouncements(db: Db, options: { includeDrafts: boolean; limit: number }): Promise<Array<AnnouncementRow & { comment_count: number }>> {
  let query = db
    .selectFrom('announcements as a')
    .selectAll('a')
    .select((eb) => eb.selectFrom('announcement_comments as c').whereRef('c.announcement_id', '=', 'a.id').where('c.hidden_at', 'is', null).select((e) => e.fn.countAll<string>().as('n')).as('comment_count'))
    .orderBy((eb) => eb.fn.coalesce('a.published_at', 'a.created_at'), 'desc')
    .orderBy('a.id', 'desc')
    .limit(options.limit);
  if (!options.includeDrafts) query = query.where('a.published_at', 'is not', null);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, comment_count: Number(row.comment_count ?? 0) }));
}

export async function insertComment(trx: Transaction<Database>, row: { announcement_id: string; author_subject_id: string; author_account_id: string; body: string; created_at: Date }): Promise<string> {
  const inserted = await trx.insertInto('announcement_comments').values({ ...row, hidden_at: null, deattributed_at: null }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findComment(db: Db, announcementId: string, commentId: string): Promise<CommentRow | undefined> {
  return db.selectFrom('announcement_comments').selectAll().where('id', '=', commentId).where('announcement_id', '=', announcementId).executeTakeFirst();
}

/** Comments of one announcement, oldest first, with the author's sealed name when still linked. */
export async function commentsWithAuthors(db: Db, announcementId: string): Promise<CommentWithAuthorRow[]> {
  return db
    .selectFrom('announcement_comments as c')
    .leftJoin('accounts as a', 'a.id', 'c.author_account_id')
    .selectAll('c')
    .select(['a.subject_id as account_subject_id', 'a.first_name_enc', 'a.last_name_enc'])
    .where('c.announcement_id', '=', announcementId)
    .orderBy('c.created_at', 'asc')
    .orderBy('c.id', 'asc')
    .execute();
}

/** Deletes a comment only when this account wrote it; false otherwise. */
export async function deleteCommentOfAccount(trx: Transaction<Database>, commentId: string, accountId: string): Promise<boolean> {
  const result = await trx.deleteFrom('announcement_comments').where('id', '=', commentId).where('author_account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function setCommentHidden(trx: Transaction<Database>, commentId: string, hiddenAt: Date | null): Promise<void> {
  await trx.updateTable('announcement_comments').set({ hidden_at: hiddenAt }).where('id', '=', commentId).execute();
}

export async function countCommentsOfAccountSince(db: Db, accountId: string, since: Date): Promise<number> {
  const row = await db.selectFrom('announcement_comments').select((eb) => eb.fn.countAll<string>().as('n')).where('author_account_id', '=', accountId).where('created_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Removes the link to the author from every comment of this subject; the text stays. Returns the ids changed. */
export async function deattributeCommentsOfSubject(trx: Transaction<Database>, subjectId: string, now: Date): Promise<string[]> {
  const rows = await trx
    .updateTable('announcement_comments')
    .set({ author_subject_id: null, author_account_id: null, deattributed_at: now })
    .where('author_subject_id', '=', subjectId)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Removes the link to a staff author from the announcements they wrote; the text is the provider's and stays. */
export async function deattributeAnnouncementsOfSubject(trx: Transaction<Database>, subjectId: string): Promise<number> {
  const result = await trx.updateTable('announcements').set({ author_subject_id: null }).where('author_subject_id', '=', subjectId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
