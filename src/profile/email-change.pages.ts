import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, renderPage, t } from '../http/layout.js';

export interface EmailChangeState {
  readonly currentEmail: string;
  readonly newEmail?: string;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  /** Set after a request: the same words whether or not the address belongs to another account. */
  readonly sentTo?: string;
}

export function renderEmailChangePage(request: FastifyRequest, csrfToken: string, state: EmailChangeState): SafeHtml {
  const tr = t(request);
  const main = state.sentTo
    ? html`<div class="notice" role="status">${tr('profile.email.sent', { email: state.sentTo })}</div>
<p>${tr('profile.email.sentDetail')}</p>
<p><a href="/account/profile">${tr('profile.history.back')}</a></p>`
    : html`${errorSummary(request, state.errors, state.formError)}
<p>${tr('profile.email.intro', { email: state.currentEmail })}</p>
<form method="post" action="/account/profile/email" novalidate>
${hiddenCsrf(csrfToken)}
${field({ name: 'newEmail', label: tr('profile.email.newEmail'), type: 'email', value: state.newEmail, errors: state.errors, autocomplete: 'email', inputmode: 'email', required: true })}
${field({ name: 'currentPassword', label: tr('accounts.field.currentPassword'), type: 'password', errors: state.errors, autocomplete: 'current-password', required: true, hint: tr('profile.email.passwordHint') })}
<button type="submit">${tr('profile.email.submit')}</button>
</form>
<p><a href="/account/profile">${tr('profile.history.back')}</a></p>`;
  return renderPage({ request, title: tr('profile.email.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

/** Following the emailed link only shows this button: mail scanners that open links change nothing. */
export function renderConfirmEmailPage(request: FastifyRequest, csrfToken: string, state: { token: string; formError?: string; done?: { email: string } }): SafeHtml {
  const tr = t(request);
  const area = request.account ? 'account' : 'public';
  const main = state.done
    ? html`<p role="status">${tr('profile.email.confirmed', { email: state.done.email })}</p>
<p><a class="button" href="${request.account ? '/account/profile' : '/sign-in'}">${request.account ? tr('profile.history.back') : tr('nav.signIn')}</a></p>`
    : html`${errorSummary(request, undefined, state.formError)}
<p>${tr('profile.email.confirmIntro')}</p>
<form method="post" action="/account/profile/email/confirm">
${hiddenCsrf(csrfToken)}
<input type="hidden" name="token" value="${state.token}">
<button type="submit">${tr('profile.email.confirmSubmit')}</button>
</form>`;
  return renderPage({ request, title: tr('profile.email.confirmTitle'), area, main, csrfToken, ...(request.account ? { nav: accountNav(request) } : {}) });
}
