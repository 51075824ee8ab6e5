import { html } from '../http/html.js';
import { renderPage, t } from '../http/layout.js';
import { csrfToken, type ServerKit } from '../http/server-kit.js';
import { noticeInForce } from '../policy-versions/notice-in-force.js';
import { cookiesMain, noticeMain } from './privacy-notice.pages.js';

/** The public privacy notice and cookie policy, generated from the register and the data map. */
export function registerPrivacyNoticeRoutes(kit: ServerKit): void {
  const { deps } = kit;
  kit.route({
    method: 'GET', url: '/privacy', kind: 'page', auth: { kind: 'public' }, tags: ['pages'],
    summary: 'The privacy notice (Art 13 and 14 GDPR), generated from the processing register and the data map.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const { input, version } = await noticeInForce(deps, request);
      const tr = t(request);
      const effective = version
        ? html`<p class="notice">${tr('policy.version.effective', { date: version.effectiveDate })} <a href="/privacy/versions">${tr('policy.version.all')}</a></p>`
        : html``;
      const main = html`${effective}${noticeMain(input)}`;
      return reply.type('text/html; charset=utf-8').send(renderPage({ request, title: t(request)('notice.title'), area: 'public', main, csrfToken: csrfToken(kit, request, reply) }).value);
    },
  });

  kit.route({
    method: 'GET', url: '/privacy/cookies', kind: 'page', auth: { kind: 'public' }, tags: ['pages'],
    summary: 'The cookie policy, generated from the processing register.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const main = cookiesMain((await noticeInForce(deps, request)).input);
      return reply.type('text/html; charset=utf-8').send(renderPage({ request, title: t(request)('cookies.title'), area: 'public', main, csrfToken: csrfToken(kit, request, reply) }).value);
    },
  });
}
