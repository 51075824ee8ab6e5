import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookies.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { truncateIp, userAgentFamily } from '../http/client-info.js';
import { renderPage, t } from '../http/layout.js';
import { csrfToken, type ServerKit, contextOf } from '../http/server-kit.js';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit.js';
import { currentPasswordSchema, localiseStaffFieldErrors, staffEmailSchema, submittedText } from './staff-forms.js';
import { afterStaffSignIn, safeConsoleNext, signInStaff, signOutStaff, type StaffSignedIn } from './staff-sign-in.js';
import { staffSignInForm } from './staff-sign-in.pages.js';

const credentials = z.object({
  email: staffEmailSchema,
  password: currentPasswordSchema,
});
const signInForm = credentials.extend({ next: z.string().max(500).optional() });
const signInQuery = z.object({ next: z.string().max(500).optional(), done: z.enum(['setup', 'signed-out']).optional() });
/** Guessing one member's password from one network (as for customers). */
export const staffSignInRateLimit = { scope: 'staff-sign-in', limit: 10, window: 'PT15M', keyFields: ['email'] } as const;
/** Spraying many members from one network. */
const perIpLimit = { scope: 'staff-sign-in-ip', limit: 100, window: 'PT15M' } as const;

const signedInResponse = z.object({
  staffId: z.uuid(),
  secondFactorPending: z.boolean(),
  mustEnrolSecondFactor: z.boolean(),
  expiresAt: z.string(),
});

export function registerStaffSignInRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const secure = deps.config.http.secureCookies;

  const attempt = async (request: FastifyRequest, reply: FastifyReply, body: { email: string; password: string }): Promise<StaffSignedIn> => {
    await consumeRateLimit(deps.db, deps.keys.rateLimit, { ...perIpLimit, parts: [truncateIp(request.ip) ?? 'unknown'] });
    const signedIn = await signInStaff(deps, contextOf(request, 'dpv:IdentityAuthentication'), { email: body.email, password: body.password, userAgentFamily: userAgentFamily(request.headers['user-agent']) });
    setSessionCookie(reply, 'staff', signedIn.sessionToken, signedIn.expiresAt, secure);
    return signedIn;
  };

  const sendForm = (request: FastifyRequest, reply: FastifyReply, state: { email?: string; next?: string; errors?: FieldError[]; formError?: string; notice?: string }) => {
    const tr = t(request);
    const token = csrfToken(kit, request, reply);
    const page = renderPage({ request, title: tr('staff.signIn.title'), area: 'staff', main: staffSignInForm(request, { csrf: token, ...state }), csrfToken: token });
    return reply.type('text/html; charset=utf-8').send(page.value);
  };

  kit.route({
    method: 'GET', url: '/console/sign-in', kind: 'page', auth: { kind: 'public' }, tags: ['staff', 'pages'],
    summary: 'Staff sign-in form.',
    query: signInQuery,
    responses: { 200: { description: 'HTML page' }, 303: { description: 'Already signed in' } },
    handler: async ({ request, reply, query }) => {
      const next = safeConsoleNext(query.next);
      if (request.staff?.secondFactorVerified && !request.staff.mustEnrolSecondFactor) return reply.redirect(next ?? '/console', 303);
      const tr = t(request);
      const notice = query.done === 'setup' ? tr('staff.signIn.setupDone') : query.done === 'signed-out' ? tr('staff.signIn.signedOut') : undefined;
      return sendForm(request, reply, { next, notice });
    },
  });

  kit.route({
    method: 'POST', url: '/console/sign-in', kind: 'page', auth: { kind: 'public' }, tags: ['staff', 'pages'],
    summary: 'Staff sign-in with email and password; continues to the second factor when enabled.',
    body: signInForm,
    rateLimit: staffSignInRateLimit,
    responses: { 303: { description: 'Signed in' }, 400: { description: 'Form with errors' }, 401: { description: 'Wrong email or password' }, 423: { description: 'Locked' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      sendForm(request, reply, { email: submittedText(submitted, 'email'), next: safeConsoleNext(submittedText(submitted, 'next', 500)), errors: localiseStaffFieldErrors(t(request), errors, 'staff.field.currentPassword') }),
    handler: async ({ request, reply, body }) => {
      try {
        const signedIn = await attempt(request, reply, body);
        return reply.redirect(afterStaffSignIn(signedIn, body.next), 303);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'INVALID_CREDENTIALS' && error.code !== 'ACCOUNT_LOCKED')) throw error;
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
        reply.status(error.status);
        return sendForm(request, reply, { email: body.email, next: safeConsoleNext(body.next), formError: error.message });
      }
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/staff/session', kind: 'api', auth: { kind: 'public' }, tags: ['staff'],
    summary: 'Staff sign-in; sets the staff session cookie. When secondFactorPending, complete the second factor next.',
    body: credentials,
    rateLimit: staffSignInRateLimit,
    responses: { 200: { description: 'Signed in', schema: signedInResponse }, 401: { description: 'Wrong email or password' }, 423: { description: 'Locked' }, 429: { description: 'Too many attempts' } },
    handler: async ({ request, reply, body }) => {
      const signedIn = await attempt(request, reply, body);
      return { staffId: signedIn.principalId, secondFactorPending: signedIn.secondFactorPending, mustEnrolSecondFactor: signedIn.mustEnrolSecondFactor, expiresAt: signedIn.expiresAt.toISOString() };
    },
  });

  kit.route({
    method: 'POST', url: '/console/sign-out', kind: 'page', auth: { kind: 'staff', permission: 'console.view', allowPendingSecondFactor: true }, tags: ['staff', 'pages'],
    summary: 'Ends the staff session.',
    responses: { 303: { description: 'Signed out' } },
    handler: async ({ request, reply, staff }) => {
      await signOutStaff(deps, contextOf(request, 'dpv:IdentityAuthentication'), staff!);
      clearSessionCookie(reply, 'staff', secure);
      return reply.redirect('/console/sign-in?done=signed-out', 303);
    },
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/staff/session', kind: 'api', auth: { kind: 'staff', permission: 'console.view', allowPendingSecondFactor: true }, tags: ['staff'],
    summary: 'Ends the staff session.',
    responses: { 204: { description: 'Signed out' } },
    handler: async ({ request, reply, staff }) => {
      await signOutStaff(deps, contextOf(request, 'dpv:IdentityAuthentication'), staff!);
      clearSessionCookie(reply, 'staff', secure);
      return reply.status(204).send();
    },
  });
}
