import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { TwoFactorStatus } from './describe-two-factor.js';
import { formatTime, securityLinks, securityNav, type SecurityArea } from './security-area.js';

export interface TwoFactorPageInput {
  readonly request: FastifyRequest;
  readonly area: SecurityArea;
  readonly csrfToken: string;
  readonly status: TwoFactorStatus;
  /** The QR code of a pending enrolment as a data URI. */
  readonly qrDataUri: string | null;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  readonly notice?: string;
}

/** Status, and the one next step that fits it: start, confirm a pending set-up, or manage. */
export function renderTwoFactorPage(input: TwoFactorPageInput): SafeHtml {
  const { request, area, csrfToken, status, errors } = input;
  const tr = t(request);
  const action = (verb: string) => `${area.paths.twoFactor}/${verb}`;
  let body: SafeHtml;
  if (status.enabled) {
    body = html`<p>${tr('twoFactor.status.on')}${status.enabledAt ? html` ${tr('twoFactor.status.since')} ${formatTime(status.enabledAt)}.` : ''}</p>
<p>${tr('twoFactor.status.codesLeft', { count: status.unusedRecoveryCodes })}</p>
<section aria-labelledby="regenerate-title"><h2 id="regenerate-title">${tr('twoFactor.regenerate.title')}</h2>
<p>${tr('twoFactor.regenerate.intro')}</p>
<form method="post" action="${action('recovery-codes')}" novalidate>${hiddenCsrf(csrfToken)}
${field({ name: 'code', label: tr('twoFactor.field.code'), hint: tr('twoFactor.field.codeHint'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors })}
<button type="submit">${tr('twoFactor.regenerate.submit')}</button></form></section>
<section aria-labelledby="disable-title"><h2 id="disable-title">${tr('twoFactor.disable.title')}</h2>
<p>${tr('twoFactor.disable.intro')}</p>
<form method="post" action="${action('disable')}" novalidate>${hiddenCsrf(csrfToken)}
${field({ name: 'password', label: tr('twoFactor.field.password'), type: 'password', autocomplete: 'current-password', required: true, errors })}
<button type="submit" class="danger">${tr('twoFactor.disable.submit')}</button></form></section>`;
  } else if (status.pending) {
    body = html`<p>${tr('twoFactor.status.pending')}</p>
<ol>
<li>${tr('twoFactor.enrol.scan')}
${input.qrDataUri ? html`<div class="qr"><img src="${input.qrDataUri}" alt="${tr('twoFactor.enrol.qrAlt')}"></div>` : ''}</li>
<li>${tr('twoFactor.enrol.manual')} <code class="secret">${status.pending.secret.replace(/(.{4})/g, '$1 ').trim()}</code></li>
<li>${tr('twoFactor.enrol.enterCode')}</li>
</ol>
<form method="post" action="${action('confirm')}" novalidate>${hiddenCsrf(csrfToken)}
${field({ name: 'code', label: tr('twoFactor.field.code'), hint: tr('twoFactor.field.codeHint'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors })}
<button type="submit">${tr('twoFactor.enrol.confirm')}</button></form>
<form method="post" action="${action('start')}">${hiddenCsrf(csrfToken)}<button type="submit" class="secondary">${tr('twoFactor.enrol.restart')}</button></form>`;
  } else {
    body = html`<p>${tr('twoFactor.status.off')}</p><p>${tr('twoFactor.enrol.intro')}</p>
<form method="post" action="${action('start')}">${hiddenCsrf(csrfToken)}<button type="submit">${tr('twoFactor.enrol.start')}</button></form>`;
  }
  const main = html`${securityLinks(request, area)}${notice(input.notice)}${errorSummary(request, errors, input.formError)}${body}`;
  return renderPage({ request, title: tr('twoFactor.title'), area: area.layout, main, csrfToken, nav: securityNav(request, area) });
}

/** The new recovery codes, shown this once. */
export function renderRecoveryCodesPage(request: FastifyRequest, area: SecurityArea, csrfToken: string, codes: readonly string[], firstTime: boolean): SafeHtml {
  const tr = t(request);
  const main = html`${notice(firstTime ? tr('twoFactor.enabledNotice') : tr('twoFactor.regeneratedNotice'))}
<h2>${tr('twoFactor.codes.title')}</h2>
<p>${tr('twoFactor.codes.intro')}</p>
<ul class="codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ul>
<p class="actions"><a class="button" href="${area.paths.twoFactor}">${tr('twoFactor.codes.done')}</a></p>`;
  return renderPage({ request, title: tr('twoFactor.title'), area: area.layout, main, csrfToken, nav: securityNav(request, area) });
}

export interface SecondFactorPageInput {
  readonly request: FastifyRequest;
  readonly area: SecurityArea;
  readonly csrfToken: string;
  readonly next: string;
  readonly errors?: readonly FieldError[];
}

/** The second step of sign-in: one field takes an authenticator code or a recovery code. */
export function renderSecondFactorPage(input: SecondFactorPageInput): SafeHtml {
  const { request, area, csrfToken, errors } = input;
  const tr = t(request);
  const main = html`${errorSummary(request, errors)}
<p>${tr('security.secondFactor.intro')}</p>
<form method="post" action="${area.paths.secondFactor}" novalidate>${hiddenCsrf(csrfToken)}
<input type="hidden" name="next" value="${input.next}">
${field({ name: 'code', label: tr('security.secondFactor.field.code'), hint: tr('security.secondFactor.field.hint'), autocomplete: 'one-time-code', required: true, errors })}
<button type="submit">${tr('security.secondFactor.submit')}</button></form>`;
  return renderPage({ request, title: tr('security.secondFactor.title'), area: area.layout, main, csrfToken });
}
