import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import { roleLabel } from './console-page.js';
import type { StaffMemberView } from './list-staff-members.js';
import { staffRoles, type StaffRole } from './staff.tables.js';

export interface StaffListState {
  readonly csrf: string;
  readonly members: readonly StaffMemberView[];
  readonly notice?: string;
  readonly formError?: string;
  readonly invite?: { readonly email?: string; readonly displayName?: string; readonly role?: string; readonly errors?: readonly FieldError[]; readonly formError?: string };
}

export function staffListPage(request: FastifyRequest, state: StaffListState): SafeHtml {
  const tr = t(request);
  const invite = state.invite ?? {};
  return html`${notice(state.notice)}${errorSummary(request, undefined, state.formError)}
<table>
<caption>${tr('staff.list.caption')}</caption>
<thead><tr><th scope="col">${tr('staff.list.name')}</th><th scope="col">${tr('staff.list.email')}</th><th scope="col">${tr('staff.list.role')}</th><th scope="col">${tr('staff.list.status')}</th><th scope="col">${tr('staff.list.twoFactor')}</th><th scope="col">${tr('staff.list.lastSignIn')}</th><th scope="col">${tr('staff.list.actions')}</th></tr></thead>
<tbody>${state.members.map((m) => memberRow(tr, state.csrf, m))}</tbody>
</table>
<section aria-labelledby="invite-title" class="panel">
<h2 id="invite-title">${tr('staff.invite.title')}</h2>
<p>${tr('staff.invite.intro')}</p>
${errorSummary(request, invite.errors, invite.formError)}
<form method="post" action="/console/staff" novalidate>
${hiddenCsrf(state.csrf)}
${field({ name: 'email', label: tr('staff.invite.email'), type: 'email', value: invite.email, errors: invite.errors, autocomplete: 'off', required: true })}
${field({ name: 'displayName', label: tr('staff.invite.displayName'), value: invite.displayName, errors: invite.errors, autocomplete: 'off', required: true })}
<div class="field"><label for="field-role">${tr('staff.invite.role')}</label>${roleSelect(tr, 'field-role', invite.role ?? 'support')}</div>
<p class="actions"><button type="submit">${tr('staff.invite.submit')}</button></p>
</form>
</section>`;
}

function memberRow(tr: Translate, csrf: string, m: StaffMemberView): SafeHtml {
  const selectId = `role-${m.id}`;
  const disable = m.status === 'active';
  return html`<tr>
<td>${m.displayName}</td><td>${m.email}</td><td>${roleLabel(tr, m.role)}</td>
<td>${tr(m.status === 'active' ? 'staff.status.active' : 'staff.status.disabled')}${m.setupPending ? html` (${tr('staff.list.setupPending')})` : ''}</td>
<td>${m.twoFactorEnabled ? tr('staff.list.on') : tr('staff.list.off')}</td>
<td>${m.lastSignInAt ? html`<time datetime="${m.lastSignInAt}">${m.lastSignInAt.slice(0, 16).replace('T', ' ')} UTC</time>` : tr('staff.list.never')}</td>
<td>
<form method="post" action="/console/staff/${m.id}/role">${hiddenCsrf(csrf)}<label class="visually-hidden" for="${selectId}">${tr('staff.list.newRoleFor', { name: m.displayName })}</label>${roleSelect(tr, selectId, m.role)} <button type="submit" class="secondary">${tr('staff.list.changeRole')}</button></form>
<form method="post" action="/console/staff/${m.id}/status">${hiddenCsrf(csrf)}<input type="hidden" name="status" value="${disable ? 'disabled' : 'active'}"><button type="submit" class="secondary" aria-label="${tr(disable ? 'staff.list.disable' : 'staff.list.enable')}: ${m.displayName}">${tr(disable ? 'staff.list.disable' : 'staff.list.enable')}</button></form>
</td>
</tr>`;
}

function roleSelect(tr: Translate, id: string, selected: string): SafeHtml {
  return html`<select id="${id}" name="role">${staffRoles.map((role: StaffRole) => html`<option value="${role}"${role === selected ? html` selected` : ''}>${roleLabel(tr, role)}</option>`)}</select>`;
}
