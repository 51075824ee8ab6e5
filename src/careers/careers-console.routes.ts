import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { localiseErrors, submittedString } from './careers-forms.js';
import { applicationDetailMain, applicationNotices, applicationsMain, openingLimits, openingNotices, openingsMain, type OpeningFormState } from './careers-console.pages.js';
import { listOpenings } from './careers.store.js';
import { createOpening, setOpeningStatusTo } from './manage-openings.js';
import { addStaffNote, changeApplicationStatus, downloadCv, listApplicationsForStaff, noteLimit, staffStatuses, viewApplication } from './review-applications.js';

/** Applications are seen only by roles that need them (owner, privacy officer). */
const manage = { kind: 'staff', permission: 'careers.manage' } as const;
const tags = ['careers', 'pages'];
const purpose = 'dpv:HumanResourceManagement';
const idParams = z.object({ id: z.uuid() });
const openingBody = z.object({
  title: z.string().trim().min(1).max(openingLimits.title),
  location: z.string().trim().min(1).max(openingLimits.location),
  description: z.string().trim().min(1).max(openingLimits.description),
});
const noteBody = z.object({ note: z.string().trim().min(1).max(noteLimit) });

/** The console side of careers: applications (every view and download audited) and positions. */
export function registerCareersConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const detailPage = async (request: FastifyRequest, reply: FastifyReply, id: string, state: Parameters<typeof applicationDetailMain>[3] = {}) => {
    const detail = await viewApplication(deps, contextOf(request, purpose), id);
    reply.header('cache-control', 'no-store');
    return sendConsolePage(kit, request, reply, { title: t(request)('careers.console.applicationTitle', { name: detail.name }), main: (csrf) => applicationDetailMain(request, csrf, detail, state) });
  };
  const openingsPage = async (request: FastifyRequest, reply: FastifyReply, state: OpeningFormState = {}) => {
    const openings = await listOpenings(deps.db, { openOnly: false });
    return sendConsolePage(kit, request, reply, { title: t(request)('careers.console.openingsTitle'), main: (csrf) => openingsMain(request, csrf, openings, state) });
  };
  const openingErrors = (request: FastifyRequest, errors: readonly FieldError[], submitted: Record<string, unknown>) =>
    localiseErrors(request, errors, { title: 'careers.console.invalid.title', location: 'careers.console.invalid.location', description: 'careers.console.invalid.description' }, submitted, { max: openingLimits.description });

  kit.route({
    method: 'GET', url: '/console/applications', kind: 'page', auth: manage, tags,
    summary: 'Job applications, newest first, with when each will be deleted.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const applications = await listApplicationsForStaff(deps);
      reply.header('cache-control', 'no-store');
      return sendConsolePage(kit, request, reply, { title: t(request)('careers.console.title'), main: () => applicationsMain(request, applications) });
    },
  });

  kit.route({
    method: 'GET', url: '/console/applications/:id', kind: 'page', auth: manage, tags, params: idParams,
    query: z.object({ done: z.enum(applicationNotices).optional() }),
    summary: 'One application with status and notes; opening it is audited.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such application' } },
    handler: async ({ request, reply, params, query }) => detailPage(request, reply, params.id, { done: query.done }),
  });

  kit.route({
    method: 'GET', url: '/console/applications/:id/cv', kind: 'page', auth: manage, tags, params: idParams,
    summary: 'Downloads the applicant\'s CV (PDF); audited.',
    responses: { 200: { description: 'The CV', contentType: 'application/pdf' }, 404: { description: 'No such application' } },
    handler: async ({ request, reply, params }) => {
      const cv = await downloadCv(deps, contextOf(request, purpose), params.id);
      const ascii = cv.filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cv.filename)}`)
        .header('cache-control', 'no-store')
        .send(cv.data);
    },
  });

  kit.route({
    method: 'POST', url: '/console/applications/:id/status', kind: 'page', auth: manage, tags, params: idParams,
    summary: 'Sets the status; rejected and hired close the application and start its retention period.',
    body: z.object({ status: z.enum(staffStatuses) }),
    responses: { 303: { description: 'Back to the application' }, 404: { description: 'No such application' }, 409: { description: 'The applicant has withdrawn' } },
    handler: async ({ request, reply, params, body }) => {
      await changeApplicationStatus(deps, contextOf(request, purpose), params.id, body.status);
      return reply.redirect(`/console/applications/${params.id}?done=status`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/console/applications/:id/notes', kind: 'page', auth: manage, tags, params: idParams,
    summary: 'Adds a reviewer\'s note, sealed with the applicant\'s key.',
    body: noteBody,
    responses: { 303: { description: 'Back to the application' }, 400: { description: 'The page with the error' }, 404: { description: 'No such application' } },
    onInvalid: async ({ request, reply, errors, submitted }) => detailPage(request, reply, idParams.parse(request.params).id, {
      errors: localiseErrors(request, errors, { note: 'careers.console.invalid.note' }, submitted, { max: noteLimit }),
      note: submittedString(submitted, 'note', noteLimit),
    }),
    handler: async ({ request, reply, params, body }) => {
      await addStaffNote(deps, contextOf(request, purpose), params.id, body.note);
      return reply.redirect(`/console/applications/${params.id}?done=noted#notes-title`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/console/applications/openings', kind: 'page', auth: manage, tags,
    query: z.object({ done: z.enum(openingNotices).optional() }),
    summary: 'Positions, open and closed, and a form for a new one.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => openingsPage(request, reply, { done: query.done }),
  });

  kit.route({
    method: 'POST', url: '/console/applications/openings', kind: 'page', auth: manage, tags,
    summary: 'Opens a new position on the careers page.',
    body: openingBody,
    responses: { 303: { description: 'Created' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) => openingsPage(request, reply, {
      errors: openingErrors(request, errors, submitted),
      title: submittedString(submitted, 'title', openingLimits.title),
      location: submittedString(submitted, 'location', openingLimits.location),
      description: submittedString(submitted, 'description', openingLimits.description),
    }),
    handler: async ({ request, reply, body }) => {
      await createOpening(deps, contextOf(request, purpose), body);
      return reply.redirect('/console/applications/openings?done=created', 303);
    },
  });

  for (const action of ['close', 'reopen'] as const) {
    kit.route({
      method: 'POST', url: `/console/applications/openings/:id/${action}`, kind: 'page', auth: manage, tags, params: idParams,
      summary: action === 'close' ? 'Closes a position; applications without a decision start their retention period.' : 'Lists a closed position again.',
      responses: { 303: { description: 'Done' }, 404: { description: 'No such position' } },
      handler: async ({ request, reply, params }) => {
        await setOpeningStatusTo(deps, contextOf(request, purpose), params.id, action === 'close' ? 'closed' : 'open');
        return reply.redirect(`/console/applications/openings?done=${action === 'close' ? 'closed' : 'reopened'}`, 303);
      },
    });
  }
}
