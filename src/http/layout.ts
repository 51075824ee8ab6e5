import type { FastifyRequest } from 'fastify';
import type { AppError } from '../errors/app-error.js';
import type { FieldError } from '../errors/app-error.js';
import { translator, type Translate } from '../i18n/i18n.js';
import { consentBanner, consentHead } from '../cookie-consent/consent-layout.js';
import { html, type SafeHtml } from './html.js';
import { languageSwitcher } from '../i18n/language-switcher.js';

export type Area = 'public' | 'account' | 'staff';

export interface NavItem {
  readonly href: string;
  readonly label: string;
}

export interface PageOptions {
  readonly request: FastifyRequest;
  readonly title: string;
  readonly area: Area;
  readonly main: SafeHtml;
  /** Needed for the sign-out form when someone is signed in. */
  readonly csrfToken?: string;
  readonly nav?: readonly NavItem[];
}

export function t(request: FastifyRequest): Translate {
  return translator(request.locale ?? 'en');
}

/** The one page shell: skip link, landmarks, language, no inline script or style. */
export function renderPage(options: PageOptions): SafeHtml {
  const { request, title, area, main, csrfToken } = options;
  const tr = t(request);
  const signedIn = area === 'staff' ? request.staff : area === 'account' ? request.account : null;
  const signOutAction = area === 'staff' ? '/console/sign-out' : '/sign-out';
  const current = request.url.split('?')[0];
  const nav = options.nav ?? [];
  return html`<!doctype html>
<html lang="${request.locale ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${tr('app.name')}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/custodian.css">
<script src="/assets/custodian.js" defer></script>
${consentHead(request)}
</head>
<body class="area-${area}">
<a class="skip-link" href="#main">${tr('nav.skip')}</a>
${consentBanner(request)}
<header class="site-header">
  <a class="brand" href="${area === 'staff' ? '/console' : '/'}">${tr('app.name')}${area === 'staff' ? html` <span class="badge">${tr('nav.console')}</span>` : ''}</a>
  ${nav.length > 0 ? html`<nav aria-label="${tr('nav.mainLabel')}"><ul>${nav.map((item) => html`<li><a href="${item.href}"${item.href === current ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}</ul></nav>` : ''}
  ${signedIn && csrfToken
    ? html`<form method="post" action="${signOutAction}" class="sign-out"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit" class="link-button">${tr('nav.signOut')}</button></form>`
    : area === 'public' ? html`<a href="/sign-in">${tr('nav.signIn')}</a>` : ''}
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${main}
</main>
<footer class="site-footer"><a href="/privacy">${tr('footer.privacy')}</a> · <a href="/api/docs">${tr('footer.api')}</a> · <a href="/consent/cookies">${tr('consent.footerLink')}</a>${area === 'public' ? languageSwitcher(request) : ''}</footer>
</body>
</html>`;
}

export function renderErrorPage(request: FastifyRequest, error: AppError): SafeHtml {
  const tr = t(request);
  const detail = error.status === 404 ? tr('error.notFound') : error.status === 403 ? tr('error.forbidden') : error.status >= 500 ? tr('error.generic', { requestId: request.id }) : error.message;
  return renderPage({
    request,
    title: error.status >= 500 ? tr('error.title') : error.message,
    area: request.url.startsWith('/console') ? 'staff' : 'public',
    main: html`<p>${detail}</p><p><a href="/">${tr('error.backHome')}</a></p>`,
  });
}

export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'checkbox' | 'hidden';
  readonly value?: string;
  readonly errors?: readonly FieldError[];
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly inputmode?: 'numeric' | 'text' | 'email';
  readonly checked?: boolean;
}

/** A labelled input whose hint and error are tied to it, so screen readers announce them. */
export function field(options: FieldOptions): SafeHtml {
  const id = `field-${options.name}`;
  const error = options.errors?.find((e) => e.field === options.name);
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const type = options.type ?? 'text';
  const input = html`<input id="${id}" name="${options.name}" type="${type}"${type === 'checkbox' ? html` value="yes"${options.checked ? html` checked` : ''}` : html` value="${options.value ?? ''}"`}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.required ? html` required` : ''}${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>`;
  const hint = options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : '';
  const message = error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : '';
  if (type === 'checkbox') return html`<div class="field field-checkbox">${input}<label for="${id}">${options.label}</label>${hint}${message}</div>`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${options.label}</label>${hint}${message}${input}</div>`;
}

/** Lists every error with a link to its field; the script moves focus here after a failed submit. */
export function errorSummary(request: FastifyRequest, errors: readonly FieldError[] | undefined, formError?: string): SafeHtml {
  if ((!errors || errors.length === 0) && !formError) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t(request)('form.errorSummary')}</h2>
<ul>${formError ? html`<li>${formError}</li>` : ''}${(errors ?? []).map((e) => html`<li><a href="#field-${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

export function hiddenCsrf(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function notice(message: string | undefined): SafeHtml {
  return message ? html`<div class="notice" role="status">${message}</div>` : html``;
}
