import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { AcceptanceState } from './accept-policy-version.js';

export function renderAcceptancePage(request: FastifyRequest, csrfToken: string, state: AcceptanceState, done?: number): SafeHtml {
  const tr = t(request);
  const p = state.pending;
  const main = html`${done ? notice(tr('policy.accept.done', { version: done })) : ''}
${p ? html`<section class="panel" aria-labelledby="accept-title"><h2 id="accept-title">${tr('policy.version.title', { version: p.version })}</h2>
<p>${tr('policy.accept.intro', { version: p.version, date: p.effectiveDate })}</p>
<ul><li><a href="/privacy/versions/${p.version}">${tr('policy.accept.read', { version: p.version })}</a></li>
${p.version > 1 ? html`<li><a href="/privacy/versions/diff?from=${p.version - 1}&amp;to=${p.version}">${tr('policy.accept.diff')}</a></li>` : ''}</ul>
<form method="post" action="/account/policy/accept">${hiddenCsrf(csrfToken)}<input type="hidden" name="version" value="${p.version}">
<p class="actions"><button type="submit">${tr('policy.accept.submit', { version: p.version })}</button></p></form></section>`
    : html`<p>${tr('policy.accept.none')}</p>`}
${state.accepted.length > 0 ? html`<h2>${tr('policy.accept.history')}</h2><ul>${state.accepted.map((a) => html`<li><a href="/privacy/versions/${a.version}">${tr('policy.version.title', { version: a.version })}</a>: ${a.acceptedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</li>`)}</ul>` : ''}`;
  return renderPage({ request, title: tr('policy.accept.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
