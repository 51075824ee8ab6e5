import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie } from '../auth/session-cookies.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { userAgentFamily } from '../http/client-info.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import type { RateLimitSpec } from '../http/route.js';
import { passSecondFactor } from './pass-second-factor.js';
import { linkVisitorConsent } from '../cookie-consent/link-visitor-consent.js';
import { localiseErrors, sendHtml, securityAreas, type SecurityArea } from './security-area.js';
import { principalOf, safeNext } from './security-principal.js';
import { renderSecondFactorPage } from './two-factor.pages.js';

const nextQuery = z.object({ next: z.string().max(500).optional() });
const pageBody = z.object({ code: z.string().trim().min(1).max(40), next: z.string().max(500).optional() });
const apiBody = z.object({ code: z.string().trim().min(1).max(40) });
/** Lockout counts per principal; this per-address limit slows one client trying many sessions. */
const rateLimit: RateLimitSpec = { scope: 'second-factor', limit: 60, window: 'PT15M' };

/** The second step of sign-in, as a page for the area and (for customers) as an API call. */
export function registerSecondFactorRoutes(kit: ServerKit, area: SecurityArea): void {
  const { deps } = kit;
  const url = area.paths.secondFactor;
  const tags = [area.kind === 'staff' ? 'console' : 'pages'];

  function page(request: FastifyRequest, reply: FastifyReply, next: string, errors?: FieldError[]) {
    return sendHtml(reply, renderSecondFactorPage({ request, area, csrfToken: csrfToken(kit, request, reply), next, errors: errors ? localiseErrors(request, errors) : undefined }));
  }

  kit.route({
    method: 'GET', url, kind: 'page', auth: area.secondFactorAuth, tags, query: nextQuery,
    summary: 'Second step of sign-in: asks for an authenticator or recovery code.',
    responses: { 200: { description: 'HTML page' }, 303: { description: 'Already passed: on to the wanted page' } },
    handler: async ({ request, reply, query }) => {
      const next = safeNext(query.next, area.paths.home);
      if (principalOf(request, area.kind).secondFactorVerified) return reply.redirect(next, 303);
      return page(request, reply, next);
    },
  });

  kit.route({
    method: 'POST', url, kind: 'page', auth: area.secondFactorAuth, tags, body: pageBody, rateLimit,
    summary: 'Checks the code; on success continues to the wanted page.',
    responses: { 303: { description: 'Signed in: on to the wanted page' }, 400: { description: 'The form again, with the error' }, 401: { description: 'The form again: the code is not valid' } },
    onInvalid: async ({ request, reply, errors, submitted }) => page(request, reply, safeNext(submitted.next, area.paths.home), errors),
    handler: async ({ request, reply, body }) => {
      const next = safeNext(body.next, area.paths.home);
      const who = principalOf(request, area.kind);
      if (who.secondFactorVerified) return reply.redirect(next, 303);
      try {
        await passSecondFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), who, { code: body.code, userAgentFamily: userAgentFamily(request.headers['user-agent']) });
        if (who.kind === 'account') await linkVisitorConsent(deps, request, { accountId: who.id, subjectId: who.subjectId });
      } catch (error) {
        if (error instanceof AppError && error.code === 'SECOND_FACTOR_INVALID') {
          reply.status(error.status);
          return page(request, reply, next, [...error.fieldErrors]);
        }
        throw signedOutOn(error, reply, area, deps.config.http.secureCookies);
      }
      return reply.redirect(next, 303);
    },
  });

  if (area.kind !== 'account') return;
  kit.route({
    method: 'POST', url: '/api/v1/session/second-factor', kind: 'api', auth: securityAreas.account.secondFactorAuth, tags: ['session'], body: apiBody, rateLimit,
    summary: 'Second step of sign-in: an authenticator code or a recovery code completes the session.',
    responses: { 204: { description: 'The session is complete' } },
    handler: async ({ request, reply, body }) => {
      const who = principalOf(request, 'account');
      if (!who.secondFactorVerified) {
        await passSecondFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), who, { code: body.code, userAgentFamily: userAgentFamily(request.headers['user-agent']) }).catch((error: unknown) => {
          throw signedOutOn(error, reply, area, deps.config.http.secureCookies);
        });
        await linkVisitorConsent(deps, request, { accountId: who.id, subjectId: who.subjectId });
      }
      return reply.status(204).send();
    },
  });
}

/** When the step revoked the pending session (locked, or two-factor gone), the cookie goes too. */
function signedOutOn(error: unknown, reply: FastifyReply, area: SecurityArea, secure: boolean): unknown {
  if (error instanceof AppError && (error.code === 'ACCOUNT_LOCKED' || error.code === 'UNAUTHENTICATED')) clearSessionCookie(reply, area.kind, secure);
  return error;
}
