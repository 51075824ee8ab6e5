import { html } from '../http/html.js';
import { renderPage, t } from '../http/layout.js';
import { csrfToken, type ServerKit } from '../http/server-kit.js';

export function registerHomeRoutes(kit: ServerKit): void {
  kit.route({
    method: 'GET', url: '/', kind: 'page', auth: { kind: 'public' }, tags: ['pages'],
    summary: 'Start page: the account overview when signed in, otherwise sign-in and sign-up.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      if (request.account?.secondFactorVerified && request.account.emailVerified) return reply.redirect('/account', 303);
      const tr = t(request);
      const main = html`<p>${tr('home.intro')}</p><p class="actions"><a class="button" href="/sign-in">${tr('nav.signIn')}</a> <a class="button secondary" href="/sign-up">${tr('nav.signUp')}</a></p>`;
      return reply.type('text/html; charset=utf-8').send(renderPage({ request, title: tr('home.title'), area: 'public', main, csrfToken: csrfToken(kit, request, reply) }).value);
    },
  });
}
