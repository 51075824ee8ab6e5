import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { formatTime } from '../two-factor/security-area.js';
import { accountAreas, type AccountArea } from './account-areas.js';
import { areaLabel } from './area-labels.js';
import type { GrantState, TrustedActionView, TrustedUserView } from './list-trusted-users.js';

export interface InviteFormState {
  readonly email?: string;
  readonly areas?: readonly string[];
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

const stateKeys: Record<GrantState, MessageKey> = {
  invited: 'trustedUsers.state.invited',
  expired: 'trustedUsers.state.expired',
  active: 'trustedUsers.state.active',
  revoked: 'trustedUsers.state.revoked',
  left: 'trustedUsers.state.left',
};

export function stateLabel(tr: Translate, state: GrantState): string {
  return tr(stateKeys[state]);
}

function areaNames(tr: Translate, areas: readonly AccountArea[]): string {
  return areas.map((area) => areaLabel(tr, area)).join(', ');
}

/** Checkboxes for the areas, in a fieldset; errors point at the first box. */
export function areaCheckboxes(request: FastifyRequest, chosen: readonly string[], errors: readonly FieldError[] | undefined): SafeHtml {
  const tr = t(request);
  const error = errors?.find((e) => e.field === 'areas');
  return html`<fieldset class="field${error ? ' has-error' : ''}"${error ? html` aria-describedby="areas-error"` : ''}>
<legend>${tr('trustedUsers.form.areas')}</legend>
<p class="hint">${tr('trustedUsers.form.areasHint')}</p>
${error ? html`<p class="field-error" id="areas-error">${error.message}</p>` : ''}
${accountAreas.map((area, index) => html`<div class="field field-checkbox"><input id="${index === 0 ? 'field-areas' : `field-areas-${area}`}" type="checkbox" name="areas" value="${area}"${chosen.includes(area) ? html` checked` : ''}><label for="${index === 0 ? 'field-areas' : `field-areas-${area}`}">${areaLabel(tr, area)}</label></div>`)}
</fieldset>`;
}

/** The owner's page: invite someone, the trusted users with their state, and what they did. */
export function renderTrustedUsersPage(request: FastifyRequest, csrfToken: string, data: { users: readonly TrustedUserView[]; actions: readonly TrustedActionView[]; form?: InviteFormState; message?: string }): SafeHtml {
  const tr = t(request);
  const form = data.form ?? {};
  const rows = data.users.map((user) => html`<tr>
<td>${user.email ?? tr('trustedUsers.list.erased')}</td>
<td>${areaNames(tr, user.areas)}</td>
<td>${stateLabel(tr, user.state)}</td>
<td>${formatTime(user.acceptedAt ?? user.createdAt)}</td>
<td><a href="/account/trusted-users/${user.id}" aria-label="${tr('trustedUsers.list.manageLabel', { email: user.email ?? tr('trustedUsers.list.erased') })}">${tr('trustedUsers.list.manage')}</a></td>
</tr>`);
  const actions = data.actions.map((action) => html`<tr><td>${formatTime(action.occurredAt)}</td><td>${action.by ?? tr('trustedUsers.actions.unknownPerson')}</td><td><code>${action.action}</code></td></tr>`);
  const main = html`${notice(data.message)}${errorSummary(request, form.errors, form.formError)}
<p>${tr('trustedUsers.intro')}</p>
<p>${tr('trustedUsers.actingLink.intro')} <a href="/account/acting">${tr('trustedUsers.actingLink.link')}</a></p>
<section aria-labelledby="invite-heading">
<h2 id="invite-heading">${tr('trustedUsers.invite.heading')}</h2>
<form method="post" action="/account/trusted-users" novalidate>
${hiddenCsrf(csrfToken)}
${field({ name: 'email', label: tr('trustedUsers.form.email'), type: 'email', value: form.email, errors: form.errors, autocomplete: 'off', required: true, hint: tr('trustedUsers.form.emailHint') })}
${areaCheckboxes(request, form.areas ?? [], form.errors)}
<div class="actions"><button type="submit">${tr('trustedUsers.invite.submit')}</button></div>
</form>
</section>
<section aria-labelledby="list-heading">
<h2 id="list-heading">${tr('trustedUsers.list.heading')}</h2>
${data.users.length === 0 ? html`<p>${tr('trustedUsers.list.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('trustedUsers.list.caption')}</caption>
<thead><tr><th scope="col">${tr('trustedUsers.list.email')}</th><th scope="col">${tr('trustedUsers.list.areas')}</th><th scope="col">${tr('trustedUsers.list.state')}</th><th scope="col">${tr('trustedUsers.list.since')}</th><th scope="col"><span class="visually-hidden">${tr('trustedUsers.list.actions')}</span></th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
</section>
<section aria-labelledby="actions-heading">
<h2 id="actions-heading">${tr('trustedUsers.actions.heading')}</h2>
${data.actions.length === 0 ? html`<p>${tr('trustedUsers.actions.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('trustedUsers.actions.caption')}</caption>
<thead><tr><th scope="col">${tr('trustedUsers.actions.time')}</th><th scope="col">${tr('trustedUsers.actions.who')}</th><th scope="col">${tr('trustedUsers.actions.what')}</th></tr></thead>
<tbody>${actions}</tbody></table></div>`}
</section>`;
  return renderPage({ request, title: tr('trustedUsers.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

/** One trusted user: change the areas or revoke (withdraw the invitation) while it is open. */
export function renderTrustedUserPage(request: FastifyRequest, csrfToken: string, user: TrustedUserView, form: { areas?: readonly string[]; errors?: readonly FieldError[]; message?: string } = {}): SafeHtml {
  const tr = t(request);
  const open = user.state === 'invited' || user.state === 'active' || user.state === 'expired';
  const email = user.email ?? tr('trustedUsers.list.erased');
  const main = html`${notice(form.message)}${errorSummary(request, form.errors)}
<dl>
<dt>${tr('trustedUsers.list.email')}</dt><dd>${email}</dd>
<dt>${tr('trustedUsers.list.state')}</dt><dd>${stateLabel(tr, user.state)}</dd>
<dt>${tr('trustedUsers.list.areas')}</dt><dd>${areaNames(tr, user.areas)}</dd>
${user.state === 'invited' ? html`<dt>${tr('trustedUsers.detail.expires')}</dt><dd>${formatTime(user.invitationExpiresAt)}</dd>` : ''}
${user.acceptedAt ? html`<dt>${tr('trustedUsers.detail.accepted')}</dt><dd>${formatTime(user.acceptedAt)}</dd>` : ''}
${user.endedAt ? html`<dt>${tr('trustedUsers.detail.ended')}</dt><dd>${formatTime(user.endedAt)}</dd>` : ''}
</dl>
${open ? html`<section aria-labelledby="areas-heading">
<h2 id="areas-heading">${tr('trustedUsers.detail.areasHeading')}</h2>
<form method="post" action="/account/trusted-users/${user.id}/areas" novalidate>
${hiddenCsrf(csrfToken)}
${areaCheckboxes(request, form.areas ?? user.areas, form.errors)}
<div class="actions"><button type="submit">${tr('trustedUsers.detail.saveAreas')}</button></div>
</form>
</section>
<section aria-labelledby="revoke-heading">
<h2 id="revoke-heading">${tr('trustedUsers.detail.revokeHeading')}</h2>
<p>${tr('trustedUsers.detail.revokeIntro')}</p>
<form method="post" action="/account/trusted-users/${user.id}/revoke">${hiddenCsrf(csrfToken)}<button type="submit" class="danger">${user.state === 'active' ? tr('trustedUsers.detail.revoke') : tr('trustedUsers.detail.withdraw')}</button></form>
</section>` : ''}
${user.state === 'expired' ? html`<p>${tr('trustedUsers.detail.expiredHint')}</p>` : ''}
<p><a href="/account/trusted-users">${tr('trustedUsers.detail.back')}</a></p>`;
  return renderPage({ request, title: tr('trustedUsers.detail.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
