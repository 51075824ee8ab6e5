import { z } from 'zod';
import { clearSessionCookie } from '../auth/session-cookies.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { listRecentSignIns, listSessions } from './list-security-activity.js';
import { revokeOtherSessions, revokeOwnSession } from './revoke-session.js';
import { securityAreas, sendHtml, type SecurityArea } from './security-area.js';
import { principalOf } from './security-principal.js';
import { renderSessionsPage, renderSignInsPage } from './sessions.pages.js';

const idParams = z.object({ id: z.uuid() });
const doneQuery = z.object({ done: z.enum(['revoked', 'revoked-others']).optional() });
const signInPaths = { account: '/sign-in', staff: '/console/sign-in' } as const;

const sessionSchema = z.object({ id: z.uuid(), device: z.string().nullable(), network: z.string().nullable(), createdAt: z.iso.datetime(), lastActiveAt: z.iso.datetime(), current: z.boolean() });
const signInSchema = z.object({ occurredAt: z.iso.datetime(), outcome: z.enum(['success', 'bad_password', 'locked', 'second_factor_failed', 'second_factor_passed']), device: z.string().nullable(), network: z.string().nullable() });

/** Live sessions (revocable) and recent sign-ins: pages for the area, API for customers. */
export function registerSessionRoutes(kit: ServerKit, area: SecurityArea): void {
  const { deps } = kit;
  const base = area.paths.sessions;
  const tags = [area.kind === 'staff' ? 'console' : 'pages'];

  kit.route({
    method: 'GET', url: base, kind: 'page', auth: area.sessionAuth, tags, query: doneQuery,
    summary: 'Where you are signed in, with a button to sign out each device.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const sessions = await listSessions(deps, principalOf(request, area.kind));
      const tr = t(request);
      const message = query.done === 'revoked' ? tr('security.sessions.revokedNotice') : query.done === 'revoked-others' ? tr('security.sessions.revokedOthersNotice') : undefined;
      return sendHtml(reply, renderSessionsPage(request, area, csrfToken(kit, request, reply), sessions, message));
    },
  });

  kit.route({
    method: 'POST', url: `${base}/:id/revoke`, kind: 'page', auth: area.sessionAuth, tags, params: idParams, body: z.object({}),
    summary: 'Signs out one of your sessions.',
    responses: { 303: { description: 'Back to the sessions, or to sign-in when it was this one' } },
    handler: async ({ request, reply, params }) => {
      const { current } = await revokeOwnSession(deps, contextOf(request, 'dpv:ServiceSecurity'), principalOf(request, area.kind), params.id);
      if (current) {
        clearSessionCookie(reply, area.kind, deps.config.http.secureCookies);
        return reply.redirect(signInPaths[area.kind], 303);
      }
      return reply.redirect(`${base}?done=revoked`, 303);
    },
  });

  kit.route({
    method: 'POST', url: `${base}/revoke-others`, kind: 'page', auth: area.sessionAuth, tags, body: z.object({}),
    summary: 'Signs out every session except this one.',
    responses: { 303: { description: 'Back to the sessions' } },
    handler: async ({ request, reply }) => {
      await revokeOtherSessions(deps, contextOf(request, 'dpv:ServiceSecurity'), principalOf(request, area.kind));
      return reply.redirect(`${base}?done=revoked-others`, 303);
    },
  });

  kit.route({
    method: 'GET', url: area.paths.signIns, kind: 'page', auth: area.sessionAuth, tags,
    summary: 'Recent sign-ins and failed attempts.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const events = await listRecentSignIns(deps, principalOf(request, area.kind));
      return sendHtml(reply, renderSignInsPage(request, area, csrfToken(kit, request, reply), events));
    },
  });

  if (area.kind === 'account') registerSessionApi(kit);
}

function registerSessionApi(kit: ServerKit): void {
  const { deps } = kit;
  const auth = securityAreas.account.sessionAuth;
  kit.route({
    method: 'GET', url: '/api/v1/account/sessions', kind: 'api', auth, tags: ['account'],
    summary: 'Your live sessions.',
    responses: { 200: { description: 'Sessions, most recently active first', schema: z.object({ sessions: z.array(sessionSchema) }) } },
    handler: async ({ request }) => {
      const sessions = await listSessions(deps, principalOf(request, 'account'));
      return { sessions: sessions.map((s) => ({ id: s.id, device: s.device, network: s.network, createdAt: s.createdAt.toISOString(), lastActiveAt: s.lastActiveAt.toISOString(), current: s.current })) };
    },
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/account/sessions/:id', kind: 'api', auth, tags: ['account'], params: idParams,
    summary: 'Signs out one of your sessions; an id that is not yours is not found.',
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ request, reply, params }) => {
      const { current } = await revokeOwnSession(deps, contextOf(request, 'dpv:ServiceSecurity'), principalOf(request, 'account'), params.id);
      if (current) clearSessionCookie(reply, 'account', deps.config.http.secureCookies);
      return reply.status(204).send();
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account/sign-ins', kind: 'api', auth, tags: ['account'],
    summary: 'Your latest sign-ins and failed attempts.',
    responses: { 200: { description: 'Newest first', schema: z.object({ signIns: z.array(signInSchema) }) } },
    handler: async ({ request }) => {
      const events = await listRecentSignIns(deps, principalOf(request, 'account'));
      return { signIns: events.map((e) => ({ occurredAt: e.occurredAt.toISOString(), outcome: e.outcome, device: e.device, network: e.network })) };
    },
  });
}
