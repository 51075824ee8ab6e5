import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { renderPage, t } from '../http/layout.js';
import { csrfToken, type ServerKit, contextOf } from '../http/server-kit.js';
import { displayNameSchema, linkTokenSchema, localiseStaffFieldErrors, newPasswordSchema, staffEmailSchema, submittedText } from '../staff/staff-forms.js';
import { assertSetupOpen, createFirstOwner } from './create-first-owner.js';
import { firstOwnerForm, type FirstOwnerFormState } from './setup.pages.js';

export function registerSetupRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendForm = (request: FastifyRequest, reply: FastifyReply, state: Omit<FirstOwnerFormState, 'csrf'> & { errors?: FieldError[] }) => {
    const csrf = csrfToken(kit, request, reply);
    const page = renderPage({ request, title: t(request)('setup.title'), area: 'public', main: firstOwnerForm(request, { csrf, ...state }) });
    return reply.type('text/html; charset=utf-8').send(page.value);
  };

  kit.route({
    method: 'GET', url: '/setup', kind: 'page', auth: { kind: 'public' }, tags: ['setup', 'pages'],
    summary: 'First-owner form, opened from the link printed at the first start; refused once an owner exists.',
    query: z.object({ token: linkTokenSchema }),
    responses: { 200: { description: 'HTML page' }, 409: { description: 'An owner already exists' } },
    handler: async ({ request, reply, query }) => {
      await assertSetupOpen(deps);
      return sendForm(request, reply, { token: query.token });
    },
  });

  kit.route({
    method: 'POST', url: '/setup', kind: 'page', auth: { kind: 'public' }, tags: ['setup', 'pages'],
    summary: 'Creates the first owner; the setup link then stops working.',
    body: z.object({
      token: linkTokenSchema,
      email: staffEmailSchema,
      displayName: displayNameSchema,
      password: newPasswordSchema,
    }),
    rateLimit: { scope: 'first-owner-setup', limit: 10, window: 'PT15M' },
    responses: { 303: { description: 'Owner created; continue to sign-in' }, 400: { description: 'Form with errors or an invalid link' }, 409: { description: 'An owner already exists' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      await assertSetupOpen(deps);
      const errorsShown = localiseStaffFieldErrors(t(request), errors);
      return sendForm(request, reply, { token: submittedText(submitted, 'token', 200), email: submittedText(submitted, 'email'), displayName: submittedText(submitted, 'displayName', 100), errors: errorsShown });
    },
    handler: async ({ request, reply, body }) => {
      try {
        await createFirstOwner(deps, contextOf(request, 'dpv:HumanResourceManagement'), body);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'TOKEN_INVALID') throw error;
        reply.status(400);
        return sendForm(request, reply, { token: body.token, email: body.email, displayName: body.displayName, formError: t(request)('setup.invalid') });
      }
      return reply.redirect('/console/sign-in?done=setup', 303);
    },
  });
}
