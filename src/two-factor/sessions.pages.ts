import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { MessageKey } from '../i18n/messages.en.js';
import type { SessionView, SignInView } from './list-security-activity.js';
import { formatTime, securityLinks, securityNav, type SecurityArea } from './security-area.js';

/** Live sessions with a revoke button each and "sign out everywhere else". */
export function renderSessionsPage(request: FastifyRequest, area: SecurityArea, csrfToken: string, sessions: readonly SessionView[], message?: string): SafeHtml {
  const tr = t(request);
  const others = sessions.filter((s) => !s.current).length;
  const rows = sessions.map((s) => html`<tr>
<td>${s.device ?? tr('security.activity.unknown')}${s.current ? html` <strong class="badge">${tr('security.sessions.thisDevice')}</strong>` : ''}</td>
<td>${s.network ?? tr('security.activity.unknown')}</td>
<td>${formatTime(s.createdAt)}</td>
<td>${formatTime(s.lastActiveAt)}</td>
<td>${s.current ? '' : html`<form method="post" action="${area.paths.sessions}/${s.id}/revoke">${hiddenCsrf(csrfToken)}<button type="submit" class="secondary" aria-label="${tr('security.sessions.revokeLabel', { device: s.device ?? tr('security.activity.unknown') })}">${tr('security.sessions.revoke')}</button></form>`}</td>
</tr>`);
  const main = html`${securityLinks(request, area)}${notice(message)}<p>${tr('security.sessions.intro')}</p>
<table><caption>${tr('security.sessions.caption')}</caption>
<thead><tr><th scope="col">${tr('security.activity.device')}</th><th scope="col">${tr('security.activity.network')}</th><th scope="col">${tr('security.sessions.created')}</th><th scope="col">${tr('security.sessions.lastActive')}</th><th scope="col"><span class="visually-hidden">${tr('security.sessions.actions')}</span></th></tr></thead>
<tbody>${rows}</tbody></table>
${others > 0 ? html`<form method="post" action="${area.paths.sessions}/revoke-others" class="actions">${hiddenCsrf(csrfToken)}<button type="submit" class="danger">${tr('security.sessions.revokeOthers')}</button></form>` : ''}`;
  return renderPage({ request, title: tr('security.sessions.title'), area: area.layout, main, csrfToken, nav: securityNav(request, area) });
}

const outcomeKeys: Record<SignInView['outcome'], MessageKey> = {
  success: 'security.signIns.outcome.success',
  bad_password: 'security.signIns.outcome.badPassword',
  locked: 'security.signIns.outcome.locked',
  second_factor_failed: 'security.signIns.outcome.secondFactorFailed',
  second_factor_passed: 'security.signIns.outcome.secondFactorPassed',
};

/** The latest sign-in events: time, outcome in words, device family, network. */
export function renderSignInsPage(request: FastifyRequest, area: SecurityArea, csrfToken: string, events: readonly SignInView[]): SafeHtml {
  const tr = t(request);
  const main = html`${securityLinks(request, area)}<p>${tr('security.signIns.intro', { count: events.length })}</p>
${events.length === 0 ? html`<p>${tr('security.signIns.none')}</p>` : html`<table><caption>${tr('security.signIns.caption')}</caption>
<thead><tr><th scope="col">${tr('security.signIns.time')}</th><th scope="col">${tr('security.signIns.outcome')}</th><th scope="col">${tr('security.activity.device')}</th><th scope="col">${tr('security.activity.network')}</th></tr></thead>
<tbody>${events.map((e) => html`<tr class="outcome-${e.outcome}"><td>${formatTime(e.occurredAt)}</td><td>${tr(outcomeKeys[e.outcome])}</td><td>${e.device ?? tr('security.activity.unknown')}</td><td>${e.network ?? tr('security.activity.unknown')}</td></tr>`)}</tbody></table>`}
<p>${tr('security.signIns.advice')} <a href="${area.paths.sessions}">${tr('nav.sessions')}</a></p>`;
  return renderPage({ request, title: tr('security.signIns.title'), area: area.layout, main, csrfToken, nav: securityNav(request, area) });
}
