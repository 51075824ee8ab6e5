import { encryptedAccountFields } from '../accounts/account-fields.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { commentsWithAuthors, findAnnouncement, listAnnouncements, type AnnouncementRow, type CommentWithAuthorRow } from './community.store.js';

type Deps = Pick<AppDeps, 'db' | 'keyring'>;

export interface AnnouncementView {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly commentCount: number;
}

export interface CommentView {
  readonly id: string;
  /** First name and initial of the last name; null when the author is no longer linked ("Former customer"). */
  readonly authorName: string | null;
  /** Null for the public when a moderator hid it; staff still see it. */
  readonly body: string | null;
  readonly hidden: boolean;
  readonly createdAt: Date;
  /** The viewer wrote it, so the page offers to delete it. */
  readonly mine: boolean;
}

const listLimit = 100;

function viewOf(row: AnnouncementRow, commentCount: number): AnnouncementView {
  return { id: row.id, title: row.title, body: row.body, publishedAt: row.published_at, createdAt: row.created_at, updatedAt: row.updated_at, commentCount };
}

export async function listPublishedAnnouncements(deps: Deps): Promise<AnnouncementView[]> {
  return (await listAnnouncements(deps.db, { includeDrafts: false, limit: listLimit })).map((row) => viewOf(row, row.comment_count));
}

export async function listAllAnnouncements(deps: Deps): Promise<AnnouncementView[]> {
  return (await listAnnouncements(deps.db, { includeDrafts: true, limit: listLimit })).map((row) => viewOf(row, row.comment_count));
}

/** A published announcement with its comments as the public sees them; drafts are not found. */
export async function readPublishedAnnouncement(deps: Deps, id: string, viewerAccountId: string | null): Promise<{ announcement: AnnouncementView; comments: CommentView[] }> {
  const row = await findAnnouncement(deps.db, id);
  if (!row?.published_at) throw new AppError('NOT_FOUND', 'No such announcement');
  const comments = await commentViews(deps, await commentsWithAuthors(deps.db, id), { viewerAccountId, showHidden: false });
  return { announcement: viewOf(row, comments.filter((c) => !c.hidden).length), comments };
}

/** Any announcement with every comment, hidden ones included, for moderation in the console. */
export async function readAnnouncementForStaff(deps: Deps, id: string): Promise<{ announcement: AnnouncementView; comments: CommentView[] }> {
  const row = await findAnnouncement(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such announcement');
  const comments = await commentViews(deps, await commentsWithAuthors(deps.db, id), { viewerAccountId: null, showHidden: true });
  return { announcement: viewOf(row, comments.filter((c) => !c.hidden).length), comments };
}

/**
 * Names are derived here, at render time, from the author's account: never stored with the
 * comment, so an erased account (key shredded, link removed) leaves no name behind.
 */
async function commentViews(deps: Deps, rows: readonly CommentWithAuthorRow[], options: { viewerAccountId: string | null; showHidden: boolean }): Promise<CommentView[]> {
  const names = new Map<string, string | null>();
  for (const row of rows) {
    if (row.account_subject_id && !names.has(row.account_subject_id)) names.set(row.account_subject_id, await displayName(deps, row));
  }
  return rows.map((row) => ({
    id: row.id,
    authorName: row.author_account_id && row.account_subject_id ? (names.get(row.account_subject_id) ?? null) : null,
    body: row.hidden_at && !options.showHidden ? null : row.body,
    hidden: row.hidden_at !== null,
    createdAt: row.created_at,
    mine: options.viewerAccountId !== null && row.author_account_id === options.viewerAccountId,
  }));
}

async function displayName(deps: Deps, row: CommentWithAuthorRow): Promise<string | null> {
  if (!row.account_subject_id || !row.first_name_enc || !row.last_name_enc) return null;
  try {
    const cipher = await deps.keyring.forSubject(deps.db, row.account_subject_id);
    const first = cipher.decrypt(row.first_name_enc, encryptedAccountFields.firstName).trim();
    const initial = Array.from(cipher.decrypt(row.last_name_enc, encryptedAccountFields.lastName).trim())[0];
    return initial ? `${first} ${initial.toUpperCase()}.` : first;
  } catch (error) {
    // An erased author whose comments were not yet de-attributed still shows no name.
    if (error instanceof SubjectKeyShreddedError) return null;
    throw error;
  }
}
