import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { announcementConsoleMain, announcementLimits, announcementsConsoleMain, consoleNotices, type AnnouncementFormState } from './community-console.pages.js';
import { createAnnouncement, editAnnouncement, publishAnnouncement, unpublishAnnouncement } from './manage-announcements.js';
import { setCommentVisibility } from './moderate-comment.js';
import { listAllAnnouncements, readAnnouncementForStaff } from './read-community.js';

const manage = { kind: 'staff', permission: 'community.manage' } as const;
const tags = ['community', 'pages'];
const idParams = z.object({ id: z.uuid() });
const commentParams = z.object({ id: z.uuid(), commentId: z.uuid() });
const announcementBody = z.object({
  title: z.string().trim().min(1, 'Give a title').max(announcementLimits.title),
  body: z.string().trim().min(1, 'Write the text').max(announcementLimits.body),
});
const purpose = 'dpv:ServiceProvision';

/** Announcements in the console: drafts, editing, publishing, and moderation of comments (all audited). */
export function registerCommunityConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const title = (request: FastifyRequest) => t(request)('community.console.title');
  const listPage = async (request: FastifyRequest, reply: FastifyReply, state: AnnouncementFormState = {}) => {
    const announcements = await listAllAnnouncements(deps);
    return sendConsolePage(kit, request, reply, { title: title(request), main: (csrf) => announcementsConsoleMain(request, csrf, announcements, state) });
  };
  const detailPage = async (request: FastifyRequest, reply: FastifyReply, id: string, state: Parameters<typeof announcementConsoleMain>[4] = {}) => {
    const { announcement, comments } = await readAnnouncementForStaff(deps, id);
    return sendConsolePage(kit, request, reply, { title: announcement.title, main: (csrf) => announcementConsoleMain(request, csrf, announcement, comments, state) });
  };
  const localised = (request: FastifyRequest, errors: readonly FieldError[]): FieldError[] => {
    const tr = t(request);
    const fields = [...new Set(errors.map((e) => e.field))].filter((f) => f === 'title' || f === 'body');
    return fields.map((f) => ({ field: f, message: f === 'title' ? tr('community.console.invalid.title', { max: announcementLimits.title }) : tr('community.console.invalid.body', { max: announcementLimits.body }) }));
  };
  const submittedText = (submitted: Record<string, unknown>) => ({
    title: typeof submitted['title'] === 'string' ? submitted['title'].slice(0, announcementLimits.title) : '',
    body: typeof submitted['body'] === 'string' ? submitted['body'].slice(0, announcementLimits.body) : '',
  });

  kit.route({
    method: 'GET', url: '/console/announcements', kind: 'page', auth: manage, tags,
    summary: 'Every announcement (drafts too) and a form for a new one.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => listPage(request, reply),
  });

  kit.route({
    method: 'POST', url: '/console/announcements', kind: 'page', auth: manage, tags,
    summary: 'Creates an announcement as a draft.',
    body: announcementBody,
    responses: { 303: { description: 'To the new draft' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) => listPage(request, reply, { errors: localised(request, errors), ...submittedText(submitted) }),
    handler: async ({ request, reply, body, staff }) => {
      const id = await createAnnouncement(deps, contextOf(request, purpose), staff!.subjectId, body);
      return reply.redirect(`/console/announcements/${id}?done=created`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/console/announcements/:id', kind: 'page', auth: manage, tags, params: idParams,
    query: z.object({ done: z.enum(consoleNotices).optional() }),
    summary: 'One announcement: edit, publish or unpublish, and moderate its comments.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such announcement' } },
    handler: async ({ request, reply, params, query }) => detailPage(request, reply, params.id, { done: query.done }),
  });

  kit.route({
    method: 'POST', url: '/console/announcements/:id', kind: 'page', auth: manage, tags, params: idParams,
    summary: 'Saves the title and text of an announcement.',
    body: announcementBody,
    responses: { 303: { description: 'Saved' }, 400: { description: 'The form with errors' }, 404: { description: 'No such announcement' } },
    onInvalid: async ({ request, reply, errors, submitted }) => detailPage(request, reply, idParams.parse(request.params).id, { errors: localised(request, errors), ...submittedText(submitted) }),
    handler: async ({ request, reply, params, body }) => {
      await editAnnouncement(deps, contextOf(request, purpose), params.id, body);
      return reply.redirect(`/console/announcements/${params.id}?done=saved`, 303);
    },
  });

  for (const action of ['publish', 'unpublish'] as const) {
    kit.route({
      method: 'POST', url: `/console/announcements/:id/${action}`, kind: 'page', auth: manage, tags, params: idParams,
      summary: action === 'publish' ? 'Publishes an announcement on /community.' : 'Takes an announcement off /community (its comments stay).',
      responses: { 303: { description: 'Done' }, 404: { description: 'No such announcement' } },
      handler: async ({ request, reply, params }) => {
        await (action === 'publish' ? publishAnnouncement : unpublishAnnouncement)(deps, contextOf(request, purpose), params.id);
        return reply.redirect(`/console/announcements/${params.id}?done=${action === 'publish' ? 'published' : 'unpublished'}`, 303);
      },
    });
  }

  for (const action of ['hide', 'restore'] as const) {
    kit.route({
      method: 'POST', url: `/console/announcements/:id/comments/:commentId/${action}`, kind: 'page', auth: manage, tags, params: commentParams,
      summary: action === 'hide' ? 'Hides a comment from the public (moderation, audited).' : 'Shows a hidden comment again (audited).',
      responses: { 303: { description: 'Done' }, 404: { description: 'No such comment' } },
      handler: async ({ request, reply, params }) => {
        await setCommentVisibility(deps, contextOf(request, purpose), params.id, params.commentId, action === 'hide' ? 'hidden' : 'visible');
        return reply.redirect(`/console/announcements/${params.id}?done=${action === 'hide' ? 'hidden' : 'restored'}#comment-${params.commentId}`, 303);
      },
    });
  }
}
