import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/load-config.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, renderPage, t } from '../http/layout.js';
import { countryOptions, minimumAgeFor } from './minimum-age.js';

export interface SignUpFormState {
  readonly values: { email?: string; firstName?: string; lastName?: string; country?: string };
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

export function renderSignUpPage(request: FastifyRequest, config: Config, csrfToken: string, state: SignUpFormState): SafeHtml {
  const tr = t(request);
  const { values, errors } = state;
  const country = values.country?.toUpperCase() ?? '';
  const age = minimumAgeFor(config, country || null);
  const main = html`<p>${tr('accounts.signUp.intro')}</p>
${errorSummary(request, errors, state.formError)}
<form method="post" action="/sign-up" novalidate>
${hiddenCsrf(csrfToken)}
${field({ name: 'email', label: tr('accounts.field.email'), type: 'email', value: values.email, errors, autocomplete: 'email', required: true, inputmode: 'email' })}
${field({ name: 'firstName', label: tr('accounts.field.firstName'), value: values.firstName, errors, autocomplete: 'given-name', required: true })}
${field({ name: 'lastName', label: tr('accounts.field.lastName'), value: values.lastName, errors, autocomplete: 'family-name', required: true })}
${field({ name: 'password', label: tr('accounts.field.password'), type: 'password', errors, autocomplete: 'new-password', required: true, hint: tr('accounts.field.passwordHint') })}
${countrySelect(request, country, errors)}
${field({ name: 'minimumAgeConfirmed', label: tr('accounts.field.minimumAge', { age }), type: 'checkbox', errors, required: true, hint: minimumAgeHint(request, config) })}
<button type="submit">${tr('accounts.signUp.submit')}</button>
</form>
<p><a href="/sign-in">${tr('accounts.signUp.haveAccount')}</a></p>`;
  return renderPage({ request, title: tr('accounts.signUp.title'), area: 'public', main, csrfToken });
}

function minimumAgeHint(request: FastifyRequest, config: Config): string {
  const tr = t(request);
  const exceptions = Object.entries(config.minimumAge.byCountry).filter(([, age]) => age !== config.minimumAge.default);
  const detail = exceptions.length === 0
    ? tr('accounts.field.minimumAgeDefault', { age: config.minimumAge.default })
    : tr('accounts.field.minimumAgeExceptions', { age: config.minimumAge.default, list: exceptions.map(([code, age]) => `${code} ${age}`).join(', ') });
  return tr('accounts.field.minimumAgeHint', { exceptions: detail });
}

function countrySelect(request: FastifyRequest, selected: string, errors: readonly FieldError[] | undefined): SafeHtml {
  const tr = t(request);
  const error = errors?.find((e) => e.field === 'country');
  return html`<div class="field${error ? ' has-error' : ''}"><label for="field-country">${tr('accounts.field.country')}</label>${error ? html`<p class="field-error" id="field-country-error">${error.message}</p>` : ''}<select id="field-country" name="country" autocomplete="country"${error ? html` aria-describedby="field-country-error" aria-invalid="true"` : ''}>
<option value="">${tr('accounts.field.countryNone')}</option>${countryOptions().map((c) => html`<option value="${c.code}"${c.code === selected ? html` selected` : ''}>${c.name}</option>`)}
</select></div>`;
}
