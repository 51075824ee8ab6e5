import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookies.js';
import { linkVisitorConsent } from '../cookie-consent/link-visitor-consent.js';
import { AppError } from '../errors/app-error.js';
import { truncateIp, userAgentFamily } from '../http/client-info.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit.js';
import { currentPasswordSchema, emailSchema, localiseFieldErrors, safeNext, sendPage, stringField, submitForm } from './account-forms.js';
import { renderSignInPage, type SignInFormState } from './sign-in.pages.js';
import { signInAccount, signOutAccount, type AccountSignIn } from './sign-in.js';

/** Guessing one account's password from one network. */
const perAccountLimit = { scope: 'sign-in', limit: 10, window: 'PT15M', keyFields: ['email'] } as const;
/** Spraying many accounts from one network. */
const perIpLimit = { scope: 'sign-in-ip', limit: 100, window: 'PT15M' } as const;

const credentials = { email: emailSchema, password: currentPasswordSchema };

export function registerSignInRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const page = (request: FastifyRequest, reply: FastifyReply, state: SignInFormState) => sendPage(reply, renderSignInPage(request, csrfToken(kit, request, reply), state));
  const attempt = async (request: FastifyRequest, reply: FastifyReply, body: { email: string; password: string }): Promise<AccountSignIn> => {
    await consumeRateLimit(deps.db, deps.keys.rateLimit, { ...perIpLimit, parts: [truncateIp(request.ip) ?? 'unknown'] });
    const signedIn = await signInAccount(deps, contextOf(request, 'dpv:IdentityAuthentication'), { ...body, userAgentFamily: userAgentFamily(request.headers['user-agent']) });
    setSessionCookie(reply, 'account', signedIn.sessionToken, signedIn.expiresAt, deps.config.http.secureCookies);
    if (!signedIn.secondFactorPending) await linkVisitorConsent(deps, request, { accountId: signedIn.principalId, subjectId: signedIn.subjectId });
    return signedIn;
  };

  kit.route({
    method: 'GET', url: '/sign-in', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Sign-in form; ?next= is where to go afterwards (a path on this site).',
    query: z.object({ next: z.string().max(500).optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => page(request, reply, { next: safeNext(query.next) }),
  });

  kit.route({
    method: 'POST', url: '/sign-in', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Signs in with email and password; then the second factor, email verification, or the next page.',
    body: z.object({ ...credentials, next: z.string().max(500).optional() }),
    rateLimit: perAccountLimit,
    responses: { 303: { description: 'Signed in' }, 400: { description: 'The form with errors' }, 401: { description: 'Wrong email or password' }, 423: { description: 'Locked after repeated failures' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      page(request, reply, { email: stringField(submitted, 'email'), next: safeNext(submitted.next), errors: localiseFieldErrors(t(request), errors) }),
    handler: async ({ request, reply, body }) => {
      const next = safeNext(body.next);
      return submitForm(reply, async () => {
        const signedIn = await attempt(request, reply, body);
        if (signedIn.secondFactorPending) return reply.redirect(`/sign-in/second-factor?next=${encodeURIComponent(next ?? '/account')}`, 303);
        if (!signedIn.emailVerified) return reply.redirect('/verify-email/pending', 303);
        return reply.redirect(next ?? '/account', 303);
      }, async (_errors, formError) => {
        // One message for any wrong part: never tell which of email or password was wrong.
        const message = reply.statusCode === 401 ? t(request)('accounts.signIn.failed') : formError;
        return page(request, reply, { email: body.email, next, formError: message });
      });
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/session', kind: 'api', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Signs in with email and password; the session cookie is set. A second factor may still be required.',
    body: z.object(credentials),
    rateLimit: perAccountLimit,
    responses: { 200: { description: 'Signed in', schema: z.object({ accountId: z.string(), secondFactorRequired: z.boolean(), emailVerified: z.boolean(), expiresAt: z.string() }) } },
    handler: async ({ request, reply, body }) => {
      const signedIn = await attempt(request, reply, body);
      return { accountId: signedIn.principalId, secondFactorRequired: signedIn.secondFactorPending, emailVerified: signedIn.emailVerified, expiresAt: signedIn.expiresAt.toISOString() };
    },
  });

  kit.route({
    method: 'POST', url: '/sign-out', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Signs out this browser (the header\'s sign-out button).',
    responses: { 200: { description: 'Signed out' } },
    handler: async ({ request, reply, account }) => {
      if (account) await signOutAccount(deps, contextOf(request, 'dpv:IdentityAuthentication'), account);
      clearSessionCookie(reply, 'account', deps.config.http.secureCookies);
      request.account = null;
      return page(request, reply, { notice: t(request)('accounts.signIn.signedOut') });
    },
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/session', kind: 'api', auth: { kind: 'account', allowPendingSecondFactor: true, allowUnverifiedEmail: true }, tags: ['accounts'],
    summary: 'Signs out: revokes this session and clears its cookie.',
    responses: { 204: { description: 'Signed out' } },
    handler: async ({ request, reply, account }) => {
      if (!account) throw new AppError('UNAUTHENTICATED');
      await signOutAccount(deps, contextOf(request, 'dpv:IdentityAuthentication'), account);
      clearSessionCookie(reply, 'account', deps.config.http.secureCookies);
      return reply.status(204).send();
    },
  });
}
