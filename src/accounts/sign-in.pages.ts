import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';

export interface SignInFormState {
  readonly email?: string;
  readonly next?: string;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  readonly notice?: string;
}

export function renderSignInPage(request: FastifyRequest, csrfToken: string, state: SignInFormState): SafeHtml {
  const tr = t(request);
  const main = html`${notice(state.notice)}
${errorSummary(request, state.errors, state.formError)}
<form method="post" action="/sign-in" novalidate>
${hiddenCsrf(csrfToken)}
${state.next ? html`<input type="hidden" name="next" value="${state.next}">` : ''}
${field({ name: 'email', label: tr('accounts.field.email'), type: 'email', value: state.email, errors: state.errors, autocomplete: 'username', required: true, inputmode: 'email' })}
${field({ name: 'password', label: tr('accounts.field.password'), type: 'password', errors: state.errors, autocomplete: 'current-password', required: true })}
<button type="submit">${tr('accounts.signIn.submit')}</button>
</form>
<p><a href="/forgot-password">${tr('accounts.signIn.forgot')}</a></p>
<p><a href="/sign-up">${tr('accounts.signIn.noAccount')}</a></p>`;
  return renderPage({ request, title: tr('accounts.signIn.title'), area: 'public', main, csrfToken });
}
