import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, t } from '../http/layout.js';

export interface FirstOwnerFormState {
  readonly csrf: string;
  readonly token: string;
  readonly email?: string;
  readonly displayName?: string;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

export function firstOwnerForm(request: FastifyRequest, state: FirstOwnerFormState): SafeHtml {
  const tr = t(request);
  return html`${errorSummary(request, state.errors, state.formError)}<p>${tr('setup.intro')}</p>
<form method="post" action="/setup" novalidate>
${hiddenCsrf(state.csrf)}<input type="hidden" name="token" value="${state.token}">
${field({ name: 'email', label: tr('setup.email'), type: 'email', value: state.email, errors: state.errors, autocomplete: 'username', required: true })}
${field({ name: 'displayName', label: tr('setup.displayName'), value: state.displayName, errors: state.errors, autocomplete: 'name', required: true })}
${field({ name: 'password', label: tr('setup.password'), type: 'password', errors: state.errors, autocomplete: 'new-password', required: true, hint: tr('setup.passwordHint') })}
<p class="actions"><button type="submit">${tr('setup.submit')}</button></p>
</form>`;
}
