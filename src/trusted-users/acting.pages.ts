import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { InvitationView } from './accept-invitation.js';
import { areaLabel } from './area-labels.js';
import type { ActingOption } from './switch-acting.js';

function acceptPath(token: string): string {
  return `/account/trusted-users/accept/${encodeURIComponent(token)}`;
}

function switchButton(csrfToken: string, accountId: string, label: string, ariaLabel: string, next?: string): SafeHtml {
  return html`<form method="post" action="/account/acting">${hiddenCsrf(csrfToken)}<input type="hidden" name="accountId" value="${accountId}">${next ? html`<input type="hidden" name="next" value="${next}">` : ''}<button type="submit" aria-label="${ariaLabel}">${label}</button></form>`;
}

/** The accounts the person may act for, their own account, and a way to leave each. */
export function renderActingPage(request: FastifyRequest, csrfToken: string, options: readonly ActingOption[], message?: string): SafeHtml {
  const tr = t(request);
  const acting = request.account?.acting ?? null;
  const current = options.find((option) => option.current);
  const rows = options.map((option) => html`<tr>
<td>${option.ownerName}${option.current ? html` <strong class="badge">${tr('trustedUsers.acting.current')}</strong>` : ''}</td>
<td>${option.areas.map((area) => areaLabel(tr, area)).join(', ')}</td>
<td>${option.current ? '' : switchButton(csrfToken, option.accountId, tr('trustedUsers.acting.switch'), tr('trustedUsers.acting.switchLabel', { name: option.ownerName }))}</td>
<td><form method="post" action="/account/acting/${option.grantId}/leave">${hiddenCsrf(csrfToken)}<button type="submit" class="secondary" aria-label="${tr('trustedUsers.acting.leaveLabel', { name: option.ownerName })}">${tr('trustedUsers.acting.leave')}</button></form></td>
</tr>`);
  const main = html`${notice(message)}
<p>${current ? tr('trustedUsers.acting.nowFor', { name: current.ownerName }) : tr('trustedUsers.acting.nowOwn')}</p>
${acting ? html`<div class="actions">${switchButton(csrfToken, 'own', tr('trustedUsers.acting.backToOwn'), tr('trustedUsers.acting.backToOwn'))}</div>` : ''}
${options.length === 0 ? html`<p>${tr('trustedUsers.acting.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('trustedUsers.acting.caption')}</caption>
<thead><tr><th scope="col">${tr('trustedUsers.acting.account')}</th><th scope="col">${tr('trustedUsers.list.areas')}</th><th scope="col"><span class="visually-hidden">${tr('trustedUsers.acting.switchColumn')}</span></th><th scope="col"><span class="visually-hidden">${tr('trustedUsers.acting.leaveColumn')}</span></th></tr></thead>
<tbody>${rows}</tbody></table></div>
<p class="hint">${tr('trustedUsers.acting.leaveHint')}</p>`}`;
  return renderPage({ request, title: tr('trustedUsers.acting.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

/** A signed-out visitor with an invitation link: sign in (and come back) or create an account first. */
export function renderInvitationSignedOut(request: FastifyRequest, csrfToken: string, token: string): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('trustedUsers.accept.signedOut')}</p>
<ul>
<li><a href="/sign-in?next=${encodeURIComponent(acceptPath(token))}">${tr('trustedUsers.accept.signIn')}</a></li>
<li><a href="/sign-up">${tr('trustedUsers.accept.signUp')}</a></li>
</ul>
<p class="hint">${tr('trustedUsers.accept.signUpHint')}</p>`;
  return renderPage({ request, title: tr('trustedUsers.accept.title'), area: 'public', main, csrfToken });
}

/** The link cannot be used by this visitor: why, and what to do instead. */
export function renderInvitationRefused(request: FastifyRequest, csrfToken: string, message: string, token: string | null): SafeHtml {
  const tr = t(request);
  const signedIn = request.account !== null;
  const main = html`<div class="warning" role="alert"><p>${message}</p></div>
${token && signedIn ? html`<p>${tr('trustedUsers.accept.otherAccountHint')}</p>` : ''}
<p><a href="${signedIn ? '/account' : '/'}">${tr('trustedUsers.accept.continue')}</a></p>`;
  return renderPage({ request, title: tr('trustedUsers.accept.title'), area: signedIn ? 'account' : 'public', main, csrfToken, nav: signedIn ? accountNav(request) : [] });
}

/** While acting for an account the link waits: back to the own account first, then here again. */
export function renderInvitationWhileActing(request: FastifyRequest, csrfToken: string, token: string): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('trustedUsers.refused.whileActing')}</p>
<div class="actions">${switchButton(csrfToken, 'own', tr('trustedUsers.acting.backToOwn'), tr('trustedUsers.acting.backToOwn'), acceptPath(token))}</div>`;
  return renderPage({ request, title: tr('trustedUsers.accept.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

/** The invited person, signed in with the invited address: who asks, for which areas, and Accept. */
export function renderInvitationOffer(request: FastifyRequest, csrfToken: string, token: string, view: InvitationView): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('trustedUsers.accept.offer', { name: view.ownerName })}</p>
<h2>${tr('trustedUsers.accept.areasHeading')}</h2>
<ul>${view.areas.map((area) => html`<li>${areaLabel(tr, area)}</li>`)}</ul>
<p>${tr('trustedUsers.accept.recorded')}</p>
<form method="post" action="${acceptPath(token)}">${hiddenCsrf(csrfToken)}<div class="actions"><button type="submit">${tr('trustedUsers.accept.submit')}</button></div></form>`;
  return renderPage({ request, title: tr('trustedUsers.accept.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
