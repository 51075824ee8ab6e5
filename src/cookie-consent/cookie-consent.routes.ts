import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { addDuration } from '../config/duration.js';
import { inTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import { renderPage, t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { choiceCookieName, serialiseChoice, serviceIdPattern, type StoredChoice } from './consent-choice.js';
import { safeReturnPath } from './consent-layout.js';
import { choiceCookieOptions, whoOf, type CookieConsentView } from './consent-request.js';
import { cookiesToClear, resolveChoice } from './resolve-choice.js';
import { demoMain, settingsMain } from './cookie-consent.pages.js';
import { demoContentSecurityPolicy } from './demo-csp.js';
import { saveCookieChoice } from './save-cookie-choice.js';

/** The day Custodian's GPC support (this file's /.well-known/gpc.json) last changed. */
export const gpcLastUpdate = '2026-11-22';

const returnPath = z.string().max(512).refine((v) => safeReturnPath(v) === v, 'Must be a path on this site');
const serviceIdSchema = z.string().max(64).regex(serviceIdPattern);
const yes = z.literal('yes').optional();

const choiceBody = z.object({
  _csrf: z.string().max(200).optional(),
  choice: z.enum(['accept-all', 'reject-all', 'settings', 'save']),
  return: returnPath.optional(),
  preferences: yes,
  analytics: yes,
  marketing: yes,
  service: z.union([serviceIdSchema, z.array(serviceIdSchema).max(200)]).optional(),
});

const choiceJson = z.object({ granted: z.array(z.string()), deniedServices: z.array(z.string()), gpc: z.boolean() });

function viewOf(request: { cookieConsent?: CookieConsentView }): CookieConsentView {
  if (!request.cookieConsent) throw new AppError('INTERNAL', 'Cookie consent state was not loaded');
  return request.cookieConsent;
}

export function registerCookieConsentRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/consent/cookies', kind: 'page', auth: { kind: 'public' }, tags: ['pages'],
    summary: 'Cookie settings: consent per category and per service, withdrawal at any time.',
    query: z.object({ return: returnPath.optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      request.consentBannerCode = true;
      const main = settingsMain(request, viewOf(request), query.return ?? '/');
      return reply.type('text/html; charset=utf-8').send(renderPage({ request, title: t(request)('consent.settings.title'), area: 'public', main, csrfToken: viewOf(request).csrfToken() }).value);
    },
  });

  kit.route({
    method: 'POST', url: '/consent/cookies', kind: 'page', auth: { kind: 'public' }, tags: ['pages'],
    summary: 'Saves a cookie choice (banner or settings); answers JSON to scripts, otherwise redirects back.',
    body: choiceBody,
    responses: {
      200: { description: 'The choice in force (when the request accepts application/json)', schema: choiceJson, contentType: 'application/json' },
      303: { description: 'Back to the page the choice was made on, or to the settings' },
      400: { description: 'Invalid choice' },
    },
    handler: async ({ request, reply, body }) => {
      const back = body.return ?? '/';
      if (body.choice === 'settings') return reply.redirect(`/consent/cookies?return=${encodeURIComponent(back)}`, 303);
      const view = viewOf(request);
      const { granted, deniedServices } = resolveChoice(body, view);
      const now = deps.now();
      const expiresAt = addDuration(now, deps.config.cookieChoiceTtl);
      const previous = view.choice;
      await inTransaction(deps.db, contextOf(request, 'dpv:LegalCompliance'), (ctx) =>
        saveCookieChoice(ctx, { who: whoOf(request, view.browserId), previous, granted, notice: view.notice, expiresAt }));
      const choice: StoredChoice = {
        browserId: view.browserId, listVersion: view.listVersion, noticeVersion: view.notice.choiceVersion,
        categories: granted, deniedServices, expiresAt, answered: true, gpcRecorded: previous?.gpcRecorded ?? false,
      };
      reply.setCookie(choiceCookieName, serialiseChoice(choice), choiceCookieOptions(kit, expiresAt));
      for (const name of cookiesToClear(view.cookies, granted, deniedServices)) {
        if (request.cookies[name] !== undefined) reply.clearCookie(name, { path: '/' });
      }
      if ((request.headers.accept ?? '').includes('application/json')) {
        return reply.type('application/json').send({ granted, deniedServices, gpc: view.gpc });
      }
      return reply.redirect(back, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/consent/demo', kind: 'page', auth: { kind: 'public' }, tags: ['pages'],
    summary: 'Integration example for a provider\'s marketing site: GA4, Yandex Metrica and the Meta pixel, run only with consent.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const nonce = randomBytes(16).toString('base64');
      request.cspNonce = nonce;
      reply.header('content-security-policy', demoContentSecurityPolicy(nonce));
      const main = demoMain(request, nonce);
      return reply.type('text/html; charset=utf-8').send(renderPage({ request, title: t(request)('consent.demo.title'), area: 'public', main, csrfToken: viewOf(request).csrfToken() }).value);
    },
  });

  kit.route({
    method: 'GET', url: '/.well-known/gpc.json', kind: 'api', auth: { kind: 'public' }, tags: ['privacy'],
    summary: 'Global Privacy Control support resource: this site honours Sec-GPC as an opt-out of sale, sharing and targeted advertising.',
    responses: { 200: { description: 'GPC support', schema: z.object({ gpc: z.literal(true), lastUpdate: z.string() }), contentType: 'application/json' } },
    handler: async ({ reply }) => {
      reply.header('cache-control', 'public, max-age=86400');
      return reply.type('application/json').send({ gpc: true, lastUpdate: gpcLastUpdate });
    },
  });
}
