import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie } from '../auth/session-cookies.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { currentPasswordSchema, emailSchema, localiseFieldErrors, passwordSchema, sendPage, stringField, submitForm, tokenSchema } from './account-forms.js';
import { changePassword } from './change-password.js';
import { renderChangePasswordPage, renderForgotPasswordPage, renderPasswordResetDonePage, renderResetPasswordPage } from './password.pages.js';
import { requestPasswordReset, resetPassword } from './reset-password.js';

const matching = <T extends z.ZodObject>(schema: T, password: string, confirm: string) =>
  schema.refine((v: Record<string, unknown>) => v[password] === v[confirm], { path: [confirm], message: 'must match' });

const resetForm = matching(z.object({ token: tokenSchema, password: passwordSchema, passwordConfirm: z.string().max(256) }), 'password', 'passwordConfirm');
const changeForm = matching(z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema, newPasswordConfirm: z.string().max(256) }), 'newPassword', 'newPasswordConfirm');

/** Guessing the current password through the change form is limited like sign-in. */
const changeLimit = { scope: 'change-password', limit: 10, window: 'PT15M' } as const;

export function registerPasswordRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const token = (request: FastifyRequest, reply: FastifyReply) => csrfToken(kit, request, reply);

  kit.route({
    method: 'GET', url: '/forgot-password', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Form to ask for a password-reset link.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendPage(reply, renderForgotPasswordPage(request, token(request, reply), {})),
  });

  kit.route({
    method: 'POST', url: '/forgot-password', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Emails a reset link if an account has the address; the answer is the same either way.',
    body: z.object({ email: emailSchema }),
    rateLimit: { scope: 'forgot-password', limit: 5, window: 'PT1H', keyFields: ['email'] },
    responses: { 200: { description: 'Always the same answer' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      sendPage(reply, renderForgotPasswordPage(request, token(request, reply), { email: stringField(submitted, 'email'), errors: localiseFieldErrors(t(request), errors) })),
    handler: async ({ request, reply, body }) => {
      await requestPasswordReset(deps, contextOf(request, 'dpv:IdentityAuthentication'), body.email);
      return sendPage(reply, renderForgotPasswordPage(request, token(request, reply), { sent: true }));
    },
  });

  kit.route({
    method: 'GET', url: '/reset-password', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Form to choose a new password from an emailed link (the link is used only when the form is sent).',
    query: z.object({ token: z.string().max(200).optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => sendPage(reply, renderResetPasswordPage(request, token(request, reply), { token: query.token ?? '' })),
  });

  kit.route({
    method: 'POST', url: '/reset-password', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Sets the new password, signs out every session and notifies the owner.',
    body: resetForm,
    rateLimit: { scope: 'reset-password', limit: 20, window: 'PT1H' },
    responses: { 200: { description: 'Password changed' }, 400: { description: 'The form with errors, or the link is invalid' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      sendPage(reply, renderResetPasswordPage(request, token(request, reply), { token: stringField(submitted, 'token'), errors: localiseFieldErrors(t(request), errors) })),
    handler: async ({ request, reply, body }) =>
      submitForm(reply, async () => {
        await resetPassword(deps, contextOf(request, 'dpv:IdentityAuthentication'), body.token, body.password);
        clearSessionCookie(reply, 'account', deps.config.http.secureCookies);
        request.account = null;
        return sendPage(reply, renderPasswordResetDonePage(request, token(request, reply)));
      }, async () => sendPage(reply, renderResetPasswordPage(request, token(request, reply), { token: body.token, formError: t(request)('accounts.invalid.token') }))),
  });

  kit.route({
    method: 'GET', url: '/account/security/password', kind: 'page', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'Form to change the password.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendPage(reply, renderChangePasswordPage(request, token(request, reply), {})),
  });

  kit.route({
    method: 'POST', url: '/account/security/password', kind: 'page', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'Changes the password (current one required) and signs out the other sessions.',
    body: changeForm,
    rateLimit: changeLimit,
    responses: { 200: { description: 'Changed' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors }) =>
      sendPage(reply, renderChangePasswordPage(request, token(request, reply), { errors: localiseFieldErrors(t(request), errors) })),
    handler: async ({ request, reply, body, account }) =>
      submitForm(reply, async () => {
        await changePassword(deps, contextOf(request, 'dpv:IdentityAuthentication'), account!, body);
        return sendPage(reply, renderChangePasswordPage(request, token(request, reply), { done: true }));
      }, async (errors, formError) => sendPage(reply, renderChangePasswordPage(request, token(request, reply), { errors, formError }))),
  });

  kit.route({
    method: 'POST', url: '/api/v1/account/password', kind: 'api', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'Changes the password (current one required) and signs out the other sessions.',
    body: z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema }),
    rateLimit: changeLimit,
    responses: { 204: { description: 'Changed' } },
    handler: async ({ request, reply, body, account }) => {
      await changePassword(deps, contextOf(request, 'dpv:IdentityAuthentication'), account!, body);
      return reply.status(204).send();
    },
  });
}
