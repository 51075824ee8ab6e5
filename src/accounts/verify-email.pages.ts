import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, renderPage, t } from '../http/layout.js';

/** Shown after sign-up; the resend form only when the browser is signed in to an unverified account. */
export function renderVerificationPendingPage(request: FastifyRequest, csrfToken: string, options: { signedIn: boolean; resent?: boolean }): SafeHtml {
  const tr = t(request);
  const main = html`${notice(options.resent ? tr('accounts.verify.resent') : undefined)}
<p>${tr('accounts.verify.pendingBody')}</p>
<p>${tr('accounts.verify.pendingHelp')}</p>
${options.signedIn
    ? html`<form method="post" action="/verify-email/resend">${hiddenCsrf(csrfToken)}<button type="submit" class="secondary">${tr('accounts.verify.resend')}</button></form>`
    : html`<p><a href="/sign-in">${tr('nav.signIn')}</a></p>`}`;
  return renderPage({ request, title: tr('accounts.verify.pendingTitle'), area: options.signedIn ? 'account' : 'public', main, csrfToken });
}

export function renderEmailVerifiedPage(request: FastifyRequest, csrfToken: string): SafeHtml {
  const tr = t(request);
  const main = html`<p role="status">${tr('accounts.verify.doneBody')}</p><p><a class="button" href="/account">${tr('accounts.verify.continue')}</a></p>`;
  return renderPage({ request, title: tr('accounts.verify.doneTitle'), area: request.account ? 'account' : 'public', main, csrfToken });
}

export function renderVerificationFailedPage(request: FastifyRequest, csrfToken: string): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('accounts.verify.invalidBody')}</p><p><a href="${request.account ? '/verify-email/pending' : '/sign-in'}">${tr('form.submit')}</a></p>`;
  return renderPage({ request, title: tr('accounts.verify.invalidTitle'), area: request.account ? 'account' : 'public', main, csrfToken });
}
