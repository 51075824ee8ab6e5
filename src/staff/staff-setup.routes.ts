import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { renderPage, t } from '../http/layout.js';
import { csrfToken, type ServerKit, contextOf } from '../http/server-kit.js';
import { completeStaffSetup } from './complete-staff-setup.js';
import { linkTokenSchema, localiseStaffFieldErrors, newPasswordSchema, submittedText } from './staff-forms.js';
import { staffSetupForm } from './staff-sign-in.pages.js';

export function registerStaffSetupRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendForm = (request: FastifyRequest, reply: FastifyReply, state: { token: string; errors?: FieldError[]; formError?: string }) => {
    const tr = t(request);
    const csrf = csrfToken(kit, request, reply);
    const page = renderPage({ request, title: tr('staff.setup.title'), area: 'staff', main: staffSetupForm(request, { csrf, ...state }) });
    return reply.type('text/html; charset=utf-8').send(page.value);
  };

  kit.route({
    method: 'GET', url: '/console/setup', kind: 'page', auth: { kind: 'public' }, tags: ['staff', 'pages'],
    summary: 'Password form for a new staff member, opened from the emailed setup link.',
    query: z.object({ token: linkTokenSchema }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => sendForm(request, reply, { token: query.token }),
  });

  kit.route({
    method: 'POST', url: '/console/setup', kind: 'page', auth: { kind: 'public' }, tags: ['staff', 'pages'],
    summary: 'Sets a new staff member\'s password from the setup link; the link then stops working.',
    body: z.object({ token: linkTokenSchema, password: newPasswordSchema }),
    rateLimit: { scope: 'staff-setup', limit: 10, window: 'PT15M' },
    responses: { 303: { description: 'Password set; continue to sign-in' }, 400: { description: 'Form with errors or an invalid link' } },
    onInvalid: async ({ request, reply, errors, submitted }) => sendForm(request, reply, { token: submittedText(submitted, 'token', 200), errors: localiseStaffFieldErrors(t(request), errors) }),
    handler: async ({ request, reply, body }) => {
      try {
        await completeStaffSetup(deps, contextOf(request, 'dpv:IdentityAuthentication'), body);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'TOKEN_INVALID') throw error;
        reply.status(400);
        return sendForm(request, reply, { token: body.token, formError: t(request)('staff.setup.invalid') });
      }
      return reply.redirect('/console/sign-in?done=setup', 303);
    },
  });
}
