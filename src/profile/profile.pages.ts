import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import { addressLinesOf } from './profile-fields.js';
import { countryChoices, languageChoices, selectField, type FormValues } from './profile-form-parts.js';
import type { ProfileView } from './read-profile.js';

export interface ProfilePageState {
  readonly view: ProfileView;
  /** The submitted form after a failed save; otherwise the stored values are shown. */
  readonly submitted?: FormValues;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  readonly saved?: boolean;
  readonly emailChanged?: boolean;
  /** A trusted user acting for the account: the sign-in address is the owner's alone to change. */
  readonly acting: boolean;
  readonly showContacts: boolean;
}

/** The stored profile as the form's field values. */
function storedValues(view: ProfileView): FormValues {
  const v = view.values;
  const [line1 = '', line2 = ''] = addressLinesOf(v.address_lines);
  return {
    firstName: v.first_name ?? '', lastName: v.last_name ?? '', phone: v.phone ?? '', company: v.company ?? '', vatId: v.vat_id ?? '',
    addressLine1: line1, addressLine2: line2, postalCode: v.postal_code ?? '', city: v.city ?? '', region: v.region ?? '',
    // An empty address starts in the customer's country, the likeliest answer.
    addressCountry: v.address_country ?? (v.address_lines ? '' : v.country ?? ''),
    country: v.country ?? '', locale: v.locale ?? 'en',
  };
}

export function renderProfilePage(request: FastifyRequest, csrfToken: string, state: ProfilePageState): SafeHtml {
  const tr = t(request);
  const values = state.submitted ?? storedValues(state.view);
  const errors = state.errors;
  const text = (name: string, label: string, extra: { autocomplete?: string; hint?: string; type?: 'text' | 'tel'; required?: boolean } = {}) =>
    field({ name, label, value: values[name] ?? '', errors, ...extra });
  const countries = [{ value: '', label: tr('profile.field.countryNone') }, ...countryChoices(request.locale ?? 'en')];
  const { view } = state;
  const main = html`${notice(state.saved ? tr('profile.saved') : state.emailChanged ? tr('profile.email.changedNotice') : undefined)}
${errorSummary(request, errors, state.formError)}
<p>${tr('profile.intro')}</p>
<section aria-labelledby="sign-in-address">
<h2 id="sign-in-address">${tr('profile.email.heading')}</h2>
<p>${view.email} (${view.emailVerified ? tr('accounts.overview.verified') : tr('accounts.overview.unverified')})</p>
${view.pendingEmail ? html`<p class="hint">${tr('profile.email.pending', { email: view.pendingEmail.email })}</p>` : ''}
${state.acting ? html`<p class="hint">${tr('profile.email.ownerOnly')}</p>` : html`<p><a href="/account/profile/email">${tr('profile.email.changeLink')}</a></p>`}
</section>
<form method="post" action="/account/profile" novalidate>
${hiddenCsrf(csrfToken)}
<fieldset><legend>${tr('profile.section.person')}</legend>
${text('firstName', tr('accounts.field.firstName'), { autocomplete: 'given-name', required: true })}
${text('lastName', tr('accounts.field.lastName'), { autocomplete: 'family-name', required: true })}
${text('phone', tr('profile.field.phone'), { autocomplete: 'tel', type: 'tel', hint: tr('profile.field.phoneHint') })}
</fieldset>
<fieldset><legend>${tr('profile.section.company')}</legend>
${text('company', tr('profile.field.company'), { autocomplete: 'organization' })}
${text('vatId', tr('profile.field.vatId'), { hint: tr('profile.field.vatIdHint') })}
</fieldset>
<fieldset><legend>${tr('profile.section.address')}</legend>
<p class="hint">${tr('profile.section.addressHint')}</p>
${text('addressLine1', tr('profile.field.addressLine1'), { autocomplete: 'address-line1' })}
${text('addressLine2', tr('profile.field.addressLine2'), { autocomplete: 'address-line2' })}
${text('postalCode', tr('profile.field.postalCode'), { autocomplete: 'postal-code' })}
${text('city', tr('profile.field.city'), { autocomplete: 'address-level2' })}
${text('region', tr('profile.field.region'), { autocomplete: 'address-level1' })}
${selectField({ name: 'addressCountry', label: tr('profile.field.addressCountry'), options: countries, selected: values.addressCountry ?? '', errors, autocomplete: 'country' })}
</fieldset>
<fieldset><legend>${tr('profile.section.preferences')}</legend>
${selectField({ name: 'country', label: tr('profile.field.country'), options: countries, selected: values.country ?? '', errors, hint: tr('profile.field.countryHint') })}
${selectField({ name: 'locale', label: tr('profile.field.locale'), options: languageChoices(tr), selected: values.locale ?? 'en', errors })}
</fieldset>
<button type="submit">${tr('profile.save')}</button>
</form>
<h2>${tr('profile.more.heading')}</h2>
<ul>
<li><a href="/account/profile/history">${tr('profile.more.history')}</a></li>
${state.showContacts ? html`<li><a href="/account/contacts">${tr('profile.more.contacts')}</a></li>` : ''}
</ul>`;
  return renderPage({ request, title: tr('profile.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
