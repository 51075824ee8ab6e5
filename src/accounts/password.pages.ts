import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import { accountNav } from './account-forms.js';

interface FormState {
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

export function renderForgotPasswordPage(request: FastifyRequest, csrfToken: string, state: FormState & { email?: string; sent?: boolean }): SafeHtml {
  const tr = t(request);
  const main = html`${notice(state.sent ? tr('accounts.forgot.sent') : undefined)}
${errorSummary(request, state.errors, state.formError)}
<p>${tr('accounts.forgot.intro')}</p>
<form method="post" action="/forgot-password" novalidate>
${hiddenCsrf(csrfToken)}
${field({ name: 'email', label: tr('accounts.field.email'), type: 'email', value: state.email, errors: state.errors, autocomplete: 'email', required: true, inputmode: 'email' })}
<button type="submit">${tr('accounts.forgot.submit')}</button>
</form>`;
  return renderPage({ request, title: tr('accounts.forgot.title'), area: 'public', main, csrfToken });
}

export function renderResetPasswordPage(request: FastifyRequest, csrfToken: string, state: FormState & { token: string }): SafeHtml {
  const tr = t(request);
  const main = html`${errorSummary(request, state.errors, state.formError)}
<p>${tr('accounts.reset.intro')}</p>
<form method="post" action="/reset-password" novalidate>
${hiddenCsrf(csrfToken)}
<input type="hidden" name="token" value="${state.token}">
${field({ name: 'password', label: tr('accounts.field.newPassword'), type: 'password', errors: state.errors, autocomplete: 'new-password', required: true, hint: tr('accounts.field.passwordHint') })}
${field({ name: 'passwordConfirm', label: tr('accounts.field.newPasswordConfirm'), type: 'password', errors: state.errors, autocomplete: 'new-password', required: true })}
<button type="submit">${tr('accounts.reset.submit')}</button>
</form>`;
  return renderPage({ request, title: tr('accounts.reset.title'), area: 'public', main, csrfToken });
}

export function renderPasswordResetDonePage(request: FastifyRequest, csrfToken: string): SafeHtml {
  const tr = t(request);
  const main = html`<p role="status">${tr('accounts.reset.doneBody')}</p><p><a class="button" href="/sign-in">${tr('accounts.reset.signIn')}</a></p>`;
  return renderPage({ request, title: tr('accounts.reset.doneTitle'), area: 'public', main, csrfToken });
}

export function renderChangePasswordPage(request: FastifyRequest, csrfToken: string, state: FormState & { done?: boolean }): SafeHtml {
  const tr = t(request);
  const main = html`${notice(state.done ? tr('accounts.change.done') : undefined)}
${errorSummary(request, state.errors, state.formError)}
<p>${tr('accounts.change.intro')}</p>
<form method="post" action="/account/security/password" novalidate>
${hiddenCsrf(csrfToken)}
${field({ name: 'currentPassword', label: tr('accounts.field.currentPassword'), type: 'password', errors: state.errors, autocomplete: 'current-password', required: true })}
${field({ name: 'newPassword', label: tr('accounts.field.newPassword'), type: 'password', errors: state.errors, autocomplete: 'new-password', required: true, hint: tr('accounts.field.passwordHint') })}
${field({ name: 'newPasswordConfirm', label: tr('accounts.field.newPasswordConfirm'), type: 'password', errors: state.errors, autocomplete: 'new-password', required: true })}
<button type="submit">${tr('accounts.change.submit')}</button>
</form>`;
  return renderPage({ request, title: tr('accounts.change.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
