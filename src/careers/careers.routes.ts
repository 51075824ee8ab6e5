import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { emailSchema, sendPage } from '../accounts/account-forms.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { anonymousActor, type ContextWithoutTransaction } from '../context/request-context.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { uploadedFileSchema } from '../uploads/uploads.js';
import { applicantStatus, withdrawApplication } from './applicant-status.js';
import { applyForJob, cvLimits, limitApplicationsPerAddress } from './apply-for-job.js';
import { localiseErrors, submittedString } from './careers-forms.js';
import { applicationLimits, renderApplicantStatusPage, renderAppliedPage, renderApplyPage, renderCareersPage, renderWithdrawnPage, type ApplyFormState } from './careers.pages.js';
import { findOpening, listOpenings } from './careers.store.js';
import { retentionText } from './retention-text.js';

const tags = ['careers'];
const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ token: z.string().min(1).max(200) });
const applicationBody = z.object({
  name: z.string().trim().min(1).max(applicationLimits.name),
  email: emailSchema,
  phone: z.string().trim().max(applicationLimits.phone).regex(/^[+0-9 ()./-]*$/, 'digits, spaces and + ( ) / . - only').optional().transform((v) => v || null),
  coverLetter: z.string().trim().min(1).max(applicationLimits.coverLetter),
  cv: uploadedFileSchema,
});
const fieldMessages = { name: 'careers.invalid.name', email: 'careers.invalid.email', phone: 'careers.invalid.phone', coverLetter: 'careers.invalid.coverLetter', cv: 'careers.invalid.cv' } as const;
/**
 * Applicants are kept apart from customers: even when a signed-in customer applies, the audit trail
 * records an anonymous actor, so nothing links the applicant subject to their account.
 */
const applicantContext = (request: FastifyRequest): ContextWithoutTransaction => ({ ...contextOf(request, 'dpv:HumanResourceManagement'), actor: anonymousActor });
const openingSchema = z.object({ id: z.string(), title: z.string(), location: z.string(), description: z.string(), applyUrl: z.string() });

/** The public side of careers: open positions, the application form, the applicant's status link. */
export function registerCareersRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const retention = (request: FastifyRequest) => retentionText(t(request), deps.config.retention.applicants);
  const openOpening = async (id: string) => {
    const opening = await findOpening(deps.db, id);
    if (!opening || opening.status !== 'open') throw new AppError('NOT_FOUND', 'This position is not open');
    return opening;
  };
  const applyPage = async (request: FastifyRequest, reply: FastifyReply, id: string, state: ApplyFormState = {}) =>
    sendPage(reply, renderApplyPage(request, csrfToken(kit, request, reply), await openOpening(id), retention(request), state));
  const invalid = (request: FastifyRequest, errors: readonly FieldError[], submitted: Record<string, unknown>) =>
    localiseErrors(request, errors, fieldMessages, submitted, { mb: Math.floor(cvLimits.maxBytes / 1024 / 1024), max: applicationLimits.coverLetter });

  kit.route({
    method: 'GET', url: '/careers', kind: 'page', auth: { kind: 'public' }, tags,
    summary: 'Open positions.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendPage(reply, renderCareersPage(request, csrfToken(kit, request, reply), await listOpenings(deps.db, { openOnly: true }))),
  });

  kit.route({
    method: 'GET', url: '/careers/:id/apply', kind: 'page', auth: { kind: 'public' }, tags, params: idParams,
    summary: 'A position, what happens to an applicant\'s data, and the application form.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such open position' } },
    handler: async ({ request, reply, params }) => applyPage(request, reply, params.id),
  });

  kit.route({
    method: 'POST', url: '/careers/:id/apply', kind: 'page', auth: { kind: 'public' }, tags, params: idParams,
    summary: 'Sends an application with a CV (PDF, checked by content). Card numbers are refused in every field.',
    bodyContentType: 'multipart/form-data',
    multipart: { maxFileBytes: cvLimits.maxBytes, maxFiles: 1, accept: ['application/pdf'] },
    body: applicationBody,
    rateLimit: { scope: 'careers.apply', limit: 20, window: 'PT1H' },
    responses: { 429: { description: 'Too many applications from this network or to this address' }, 303: { description: 'To the confirmation page' }, 400: { description: 'The form with its errors' }, 404: { description: 'No such open position' }, 413: { description: 'The CV is too large' }, 415: { description: 'The CV is not a PDF' } },
    onInvalid: async ({ request, reply, errors, submitted }) => applyPage(request, reply, idParams.parse(request.params).id, {
      errors: invalid(request, errors, submitted),
      name: submittedString(submitted, 'name', applicationLimits.name),
      email: submittedString(submitted, 'email', 254),
      phone: submittedString(submitted, 'phone', applicationLimits.phone),
      coverLetter: submittedString(submitted, 'coverLetter', applicationLimits.coverLetter),
    }),
    handler: async ({ request, reply, params, body }) => {
      await limitApplicationsPerAddress(deps, body.email);
      await applyForJob(deps, applicantContext(request), params.id, { ...body, locale: request.locale });
      return reply.redirect(`/careers/${params.id}/applied`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/careers/:id/applied', kind: 'page', auth: { kind: 'public' }, tags, params: idParams,
    summary: 'Thanks for applying; the status link is on its way by email.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such position' } },
    handler: async ({ request, reply, params }) => {
      const opening = await findOpening(deps.db, params.id);
      if (!opening) throw new AppError('NOT_FOUND', 'No such position');
      return sendPage(reply, renderAppliedPage(request, csrfToken(kit, request, reply), opening));
    },
  });

  kit.route({
    method: 'GET', url: '/careers/applications/:token', kind: 'page', auth: { kind: 'public' }, tags, params: tokenParams,
    query: z.object({ done: z.literal('withdrawn').optional() }),
    summary: 'The applicant\'s status page, reached by the signed link in their email; no account needed.',
    responses: { 200: { description: 'HTML page' }, 400: { description: 'The link is not valid' }, 404: { description: 'The application has been deleted' } },
    handler: async ({ request, reply, params, query }) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const view = await applicantStatus(deps, params.token);
      return sendPage(reply, renderApplicantStatusPage(request, csrfToken(kit, request, reply), params.token, view, retention(request), query.done === 'withdrawn'));
    },
  });

  kit.route({
    method: 'POST', url: '/careers/applications/:token/withdraw', kind: 'page', auth: { kind: 'public' }, tags, params: tokenParams,
    summary: 'Withdraws the application and asks for removal: deleted at once before any decision, otherwise kept for the configured period at most, then deleted.',
    responses: { 303: { description: 'Back to the status page, or to the deletion notice' }, 400: { description: 'The link is not valid' }, 404: { description: 'The application has been deleted' } },
    handler: async ({ request, reply, params }) => {
      const { deleted } = await withdrawApplication(deps, applicantContext(request), params.token);
      return reply.redirect(deleted ? '/careers/withdrawn' : `/careers/applications/${params.token}?done=withdrawn`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/careers/withdrawn', kind: 'page', auth: { kind: 'public' }, tags,
    summary: 'Confirms that a withdrawn application was deleted.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendPage(reply, renderWithdrawnPage(request, csrfToken(kit, request, reply))),
  });

  kit.route({
    method: 'GET', url: '/api/v1/careers/openings', kind: 'api', auth: { kind: 'public' }, tags,
    summary: 'Open positions, newest first.',
    responses: { 200: { description: 'Open positions', schema: z.object({ openings: z.array(openingSchema) }) } },
    handler: async () => ({
      openings: (await listOpenings(deps.db, { openOnly: true })).map((o) => ({ id: o.id, title: o.title, location: o.location, description: o.description, applyUrl: `${deps.config.http.publicUrl.replace(/\/$/, '')}/careers/${o.id}/apply` })),
    }),
  });
}
