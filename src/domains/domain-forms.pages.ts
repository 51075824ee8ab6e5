import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { countryOptions } from '../accounts/minimum-age.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { contactField } from './domain-forms.js';
import type { TldRow } from './domains.store.js';

export type FormValues = Readonly<Record<string, string>>;

export interface FormState {
  readonly values: FormValues;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

const roleLegend: Record<string, MessageKey> = {
  registrant: 'domains.contacts.registrant',
  admin: 'domains.contacts.admin',
  tech: 'domains.contacts.tech',
  billing: 'domains.contacts.billing',
};

function countrySelect(tr: Translate, name: string, selected: string, errors: readonly FieldError[] | undefined): SafeHtml {
  const id = `field-${name}`;
  const error = errors?.find((e) => e.field === name);
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${tr('domains.field.country')}</label>${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}<select id="${id}" name="${name}" autocomplete="country"${error ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}>
<option value="">${tr('domains.field.countryChoose')}</option>${countryOptions().map((c) => html`<option value="${c.code}"${c.code === selected.toUpperCase() ? html` selected` : ''}>${c.name}</option>`)}
</select></div>`;
}

/** One contact's fields; other roles start with "use the registrant's details" ticked. */
export function contactFieldset(request: FastifyRequest, role: 'registrant' | 'admin' | 'tech' | 'billing', state: FormState): SafeHtml {
  const tr = t(request);
  const v = (name: string) => state.values[contactField(role, name)] ?? '';
  const errors = state.errors;
  // Initial values tick "same as registrant"; a re-rendered form shows what was sent (unticked sends nothing).
  const same = role === 'registrant' ? null : state.values[`${role}Same`] === 'yes';
  return html`<fieldset class="panel"><legend>${tr(roleLegend[role]!)}</legend>
${same === null ? html`<p class="hint">${tr('domains.contacts.registrantHint')}</p>` : field({ name: `${role}Same`, label: tr('domains.contacts.sameAsRegistrant'), type: 'checkbox', checked: same, hint: tr('domains.contacts.sameHint') })}
${field({ name: contactField(role, 'name'), label: tr('domains.field.name'), value: v('name'), errors, autocomplete: role === 'registrant' ? 'name' : 'off' })}
${field({ name: contactField(role, 'organisation'), label: tr('domains.field.organisation'), value: v('organisation'), errors, autocomplete: role === 'registrant' ? 'organization' : 'off' })}
${field({ name: contactField(role, 'email'), label: tr('domains.field.email'), type: 'email', value: v('email'), errors, autocomplete: role === 'registrant' ? 'email' : 'off' })}
${field({ name: contactField(role, 'phone'), label: tr('domains.field.phone'), type: 'tel', value: v('phone'), errors, hint: tr('domains.field.phoneHint'), autocomplete: role === 'registrant' ? 'tel' : 'off' })}
${field({ name: contactField(role, 'street'), label: tr('domains.field.street'), value: v('street'), errors, autocomplete: role === 'registrant' ? 'street-address' : 'off' })}
${field({ name: contactField(role, 'postalCode'), label: tr('domains.field.postalCode'), value: v('postalCode'), errors, autocomplete: role === 'registrant' ? 'postal-code' : 'off' })}
${field({ name: contactField(role, 'city'), label: tr('domains.field.city'), value: v('city'), errors, autocomplete: role === 'registrant' ? 'address-level2' : 'off' })}
${countrySelect(tr, contactField(role, 'country'), v('country'), errors)}
</fieldset>`;
}

function tldNote(tr: Translate, tlds: readonly TldRow[]): SafeHtml {
  const needing = tlds.filter((tld) => tld.requires_identity_document).map((tld) => `.${tld.tld}`);
  return needing.length > 0 ? html`<p class="hint">${tr('domains.register.documentNote', { tlds: needing.join(', ') })}</p>` : html``;
}

/** The registration form (kind register) or the transfer form (kind transfer). */
export function renderOrderForm(request: FastifyRequest, csrfToken: string, kind: 'register' | 'transfer', tlds: readonly TldRow[], state: FormState): SafeHtml {
  const tr = t(request);
  const errors = state.errors;
  const years = state.values.years ?? '1';
  const yearsError = errors?.find((e) => e.field === 'years');
  const main = html`${errorSummary(request, errors, state.formError)}
<p>${tr(kind === 'register' ? 'domains.register.intro' : 'domains.transfer.intro')}</p>
${tldNote(tr, tlds)}
<form method="post" action="/account/domains/${kind}" novalidate>
${hiddenCsrf(csrfToken)}
${field({ name: 'fqdn', label: tr('domains.field.fqdn'), value: state.values.fqdn ?? '', errors, hint: tr('domains.field.fqdnHint'), autocomplete: 'off' })}
${kind === 'register'
    ? html`<div class="field${yearsError ? ' has-error' : ''}"><label for="field-years">${tr('domains.field.years')}</label>${yearsError ? html`<p class="field-error" id="field-years-error">${yearsError.message}</p>` : ''}<select id="field-years" name="years"${yearsError ? html` aria-describedby="field-years-error" aria-invalid="true"` : ''}>${[1, 2, 3, 5, 10].map((n) => html`<option value="${n}"${String(n) === years ? html` selected` : ''}>${tr(n === 1 ? 'domains.period.year' : 'domains.period.years', { n })}</option>`)}</select></div>`
    : field({ name: 'authCode', label: tr('domains.field.authCode'), value: state.values.authCode ?? '', errors, hint: tr('domains.field.authCodeHint'), autocomplete: 'off' })}
${contactFieldset(request, 'registrant', state)}
${contactFieldset(request, 'admin', state)}
${contactFieldset(request, 'tech', state)}
${contactFieldset(request, 'billing', state)}
<p class="hint">${tr('domains.register.invoiceNote')}</p>
<button type="submit">${tr(kind === 'register' ? 'domains.register.submit' : 'domains.transfer.submit')}</button>
</form>
<p><a href="/account/domains">${tr('domains.back')}</a></p>`;
  return renderPage({ request, title: tr(kind === 'register' ? 'domains.register.title' : 'domains.transfer.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

/** Changing the technical contact: another person's details, or the registrant's. */
export function renderTechContactForm(request: FastifyRequest, csrfToken: string, domain: { id: string; fqdn: string }, state: FormState): SafeHtml {
  const tr = t(request);
  const main = html`${errorSummary(request, state.errors, state.formError)}
<p>${tr('domains.tech.intro')}</p>
<form method="post" action="/account/domains/${domain.id}/tech-contact" novalidate>
${hiddenCsrf(csrfToken)}
${contactFieldset(request, 'tech', state)}
<button type="submit">${tr('domains.tech.submit')}</button>
</form>
<p><a href="/account/domains/${domain.id}">${tr('domains.backToDomain', { fqdn: domain.fqdn })}</a></p>`;
  return renderPage({ request, title: tr('domains.tech.title', { fqdn: domain.fqdn }), area: 'account', main, csrfToken, nav: accountNav(request) });
}
