import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';

export interface SignInFormState {
  readonly csrf: string;
  readonly email?: string;
  readonly next?: string;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  readonly notice?: string;
}

export function staffSignInForm(request: FastifyRequest, state: SignInFormState): SafeHtml {
  const tr = t(request);
  return html`${notice(state.notice)}${errorSummary(request, state.errors, state.formError)}
<form method="post" action="/console/sign-in" novalidate>
${hiddenCsrf(state.csrf)}<input type="hidden" name="next" value="${state.next ?? ''}">
${field({ name: 'email', label: tr('staff.signIn.email'), type: 'email', value: state.email, errors: state.errors, autocomplete: 'username', required: true })}
${field({ name: 'password', label: tr('staff.signIn.password'), type: 'password', errors: state.errors, autocomplete: 'current-password', required: true })}
<p class="actions"><button type="submit">${tr('staff.signIn.submit')}</button></p>
</form>`;
}

export interface SetupFormState {
  readonly csrf: string;
  readonly token: string;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

export function staffSetupForm(request: FastifyRequest, state: SetupFormState): SafeHtml {
  const tr = t(request);
  return html`${errorSummary(request, state.errors, state.formError)}<p>${tr('staff.setup.intro')}</p>
<form method="post" action="/console/setup" novalidate>
${hiddenCsrf(state.csrf)}<input type="hidden" name="token" value="${state.token}">
${field({ name: 'password', label: tr('staff.setup.password'), type: 'password', errors: state.errors, autocomplete: 'new-password', required: true, hint: tr('staff.setup.passwordHint') })}
<p class="actions"><button type="submit">${tr('staff.setup.submit')}</button></p>
</form>`;
}
