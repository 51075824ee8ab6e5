import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { renderAnnouncementPage, renderCommunityPage, type AnnouncementPageState } from './community.pages.js';
import { commentAuthorOf, commentRules, deleteOwnComment, postComment } from './post-comment.js';
import { listPublishedAnnouncements, readPublishedAnnouncement, type AnnouncementView, type CommentView } from './read-community.js';

const tags = ['community'];
const idParams = z.object({ id: z.uuid() });
const commentParams = z.object({ id: z.uuid(), commentId: z.uuid() });
const commentBody = z.object({ body: z.string().trim().min(1, 'Write a comment').max(commentRules.maxLength, `At most ${commentRules.maxLength} characters`) });
const announcementSchema = z.object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: z.iso.datetime(), commentCount: z.number().int() });
const commentSchema = z.object({ id: z.string(), author: z.string().nullable().describe('first name and last initial; null for a former customer'), body: z.string().nullable().describe('null when hidden by a moderator'), hidden: z.boolean(), createdAt: z.iso.datetime() });

const announcementJson = (a: AnnouncementView) => ({ id: a.id, title: a.title, body: a.body, publishedAt: (a.publishedAt ?? a.createdAt).toISOString(), commentCount: a.commentCount });
const commentJson = (c: CommentView) => ({ id: c.id, author: c.authorName, body: c.body, hidden: c.hidden, createdAt: c.createdAt.toISOString() });

/** Public announcements; verified customers comment as themselves and delete their own comments. */
export function registerCommunityRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const announcementPage = async (request: FastifyRequest, reply: FastifyReply, id: string, state: AnnouncementPageState = {}) => {
    const { announcement, comments } = await readPublishedAnnouncement(deps, id, request.account?.acting ? null : (request.account?.accountId ?? null));
    return sendPage(reply, renderAnnouncementPage(request, csrfToken(kit, request, reply), announcement, comments, state));
  };
  const localised = (request: FastifyRequest, errors: readonly FieldError[]): FieldError[] =>
    errors.filter((e) => e.field === 'body').slice(0, 1).map(() => ({ field: 'body', message: t(request)('community.invalid.body', { max: commentRules.maxLength }) }));

  kit.route({
    method: 'GET', url: '/community', kind: 'page', auth: { kind: 'public' }, tags,
    summary: 'Published announcements, newest first.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendPage(reply, renderCommunityPage(request, csrfToken(kit, request, reply), await listPublishedAnnouncements(deps))),
  });

  kit.route({
    method: 'GET', url: '/community/:id', kind: 'page', auth: { kind: 'public' }, tags, params: idParams,
    query: z.object({ done: z.enum(['posted', 'deleted']).optional() }),
    summary: 'One announcement with its comments; signed-in verified customers get a comment form.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such published announcement' } },
    handler: async ({ request, reply, params, query }) => announcementPage(request, reply, params.id, { done: query.done }),
  });

  kit.route({
    method: 'POST', url: '/community/:id/comments', kind: 'page', auth: { kind: 'account' }, tags, params: idParams,
    summary: 'Posts a public comment as yourself (not while acting for another account). Card numbers are masked.',
    body: commentBody,
    cardNumbers: { mask: ['body'] },
    rateLimit: { scope: 'community.comment', limit: 60, window: 'PT10M' },
    responses: { 303: { description: 'Back to the announcement' }, 400: { description: 'The page with the form and its errors' }, 429: { description: 'Too many comments in a short time' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      // Params were validated before the body, so they are sound here.
      return announcementPage(request, reply, idParams.parse(request.params).id, { errors: localised(request, errors), submitted: typeof submitted['body'] === 'string' ? submitted['body'].slice(0, commentRules.maxLength) : '' });
    },
    handler: async ({ request, reply, params, body, account }) => {
      const id = await postComment(deps, contextOf(request, 'dpv:ServiceProvision'), commentAuthorOf(account!), params.id, body.body);
      return reply.redirect(`/community/${params.id}?done=posted#comment-${id}`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/community/:id/comments/:commentId/delete', kind: 'page', auth: { kind: 'account' }, tags, params: commentParams,
    summary: 'Deletes your own comment for good. Anyone else\'s comment is not found.',
    responses: { 303: { description: 'Back to the announcement' }, 404: { description: 'No such comment of yours' } },
    handler: async ({ request, reply, params, account }) => {
      await deleteOwnComment(deps, contextOf(request, 'dpv:ServiceProvision'), commentAuthorOf(account!), params.id, params.commentId);
      return reply.redirect(`/community/${params.id}?done=deleted#comments-title`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/community/announcements', kind: 'api', auth: { kind: 'public' }, tags,
    summary: 'Published announcements, newest first, with their count of visible comments.',
    responses: { 200: { description: 'Announcements', schema: z.object({ announcements: z.array(announcementSchema) }) } },
    handler: async () => ({ announcements: (await listPublishedAnnouncements(deps)).map(announcementJson) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/community/announcements/:id', kind: 'api', auth: { kind: 'public' }, tags, params: idParams,
    summary: 'One published announcement with its comments (author as first name and last initial, or null for a former customer).',
    responses: { 200: { description: 'The announcement', schema: z.object({ announcement: announcementSchema, comments: z.array(commentSchema) }) }, 404: { description: 'No such published announcement' } },
    handler: async ({ params }) => {
      const { announcement, comments } = await readPublishedAnnouncement(deps, params.id, null);
      return { announcement: announcementJson(announcement), comments: comments.map(commentJson) };
    },
  });
}
