import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import { contactRoles } from './profile.tables.js';
import { selectField, type FormValues } from './profile-form-parts.js';
import type { ContactView } from './read-contacts.js';

export type ContactsNotice = 'added' | 'updated' | 'removed';

export interface ContactFormState {
  readonly values?: FormValues;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

function contactFields(tr: Translate, state: ContactFormState): SafeHtml {
  const values = state.values ?? {};
  const roles = contactRoles.map((role) => ({ value: role, label: tr(`profile.contacts.role.${role}`) }));
  return html`${selectField({ name: 'role', label: tr('profile.contacts.field.role'), options: roles, selected: values.role ?? 'billing', errors: state.errors, hint: tr('profile.contacts.field.roleHint') })}
${field({ name: 'name', label: tr('profile.contacts.field.name'), value: values.name, errors: state.errors, autocomplete: 'off', required: true })}
${field({ name: 'email', label: tr('profile.contacts.field.email'), type: 'email', value: values.email, errors: state.errors, autocomplete: 'off', inputmode: 'email', required: true })}
${field({ name: 'phone', label: tr('profile.contacts.field.phone'), type: 'tel', value: values.phone, errors: state.errors, autocomplete: 'off', hint: tr('profile.field.phoneHint') })}`;
}

export function renderContactsPage(request: FastifyRequest, csrfToken: string, contacts: readonly ContactView[], state: ContactFormState & { done?: ContactsNotice }): SafeHtml {
  const tr = t(request);
  const main = html`${notice(state.done ? tr(`profile.contacts.done.${state.done}`) : undefined)}
${errorSummary(request, state.errors, state.formError)}
<p>${tr('profile.contacts.intro')}</p>
${contacts.length === 0
    ? html`<p>${tr('profile.contacts.none')}</p>`
    : html`<div class="table-wrap"><table><caption>${tr('profile.contacts.caption')}</caption>
<thead><tr><th scope="col">${tr('profile.contacts.field.name')}</th><th scope="col">${tr('profile.contacts.field.role')}</th><th scope="col">${tr('profile.contacts.field.email')}</th><th scope="col">${tr('profile.contacts.field.phone')}</th><th scope="col">${tr('profile.contacts.col.actions')}</th></tr></thead>
<tbody>${contacts.map((c) => html`<tr><th scope="row">${c.name}</th><td>${tr(`profile.contacts.role.${c.role}`)}</td><td>${c.email}</td><td>${c.phone ?? ''}</td>
<td><a href="/account/contacts/${c.id}">${tr('profile.contacts.edit')}<span class="visually-hidden"> ${c.name}</span></a>
<form method="post" action="/account/contacts/${c.id}/remove">${hiddenCsrf(csrfToken)}<button type="submit" class="link-button">${tr('profile.contacts.remove')}<span class="visually-hidden"> ${c.name}</span></button></form></td></tr>`)}</tbody>
</table></div>`}
<h2 id="add-contact">${tr('profile.contacts.addHeading')}</h2>
<form method="post" action="/account/contacts" novalidate aria-labelledby="add-contact">
${hiddenCsrf(csrfToken)}
${contactFields(tr, state)}
<button type="submit">${tr('profile.contacts.add')}</button>
</form>
<p class="hint">${tr('profile.contacts.removeHint')}</p>
<p><a href="/account/profile/history">${tr('profile.more.history')}</a></p>`;
  return renderPage({ request, title: tr('profile.contacts.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

export function renderContactEditPage(request: FastifyRequest, csrfToken: string, contact: ContactView, state: ContactFormState): SafeHtml {
  const tr = t(request);
  const values = state.values ?? { role: contact.role, name: contact.name, email: contact.email, phone: contact.phone ?? '' };
  const main = html`${errorSummary(request, state.errors, state.formError)}
<form method="post" action="/account/contacts/${contact.id}" novalidate>
${hiddenCsrf(csrfToken)}
${contactFields(tr, { ...state, values })}
<button type="submit">${tr('profile.contacts.save')}</button>
</form>
<p><a href="/account/contacts">${tr('profile.contacts.back')}</a></p>`;
  return renderPage({ request, title: tr('profile.contacts.editTitle', { name: contact.name }), area: 'account', main, csrfToken, nav: accountNav(request) });
}
