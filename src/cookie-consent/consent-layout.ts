import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { translator } from '../i18n/i18n.js';
import { optionalCategories, type Cookie, type OptionalCategory } from './consent-choice.js';

/** The register's cookie names per optional category, for deleting them on withdrawal (JSON in an attribute). */
export function cookieNamesJson(cookies: readonly Cookie[]): string {
  const names: Record<OptionalCategory, string[]> = { preferences: [], analytics: [], marketing: [] };
  for (const cookie of cookies) if (cookie.category !== 'strictly-necessary') names[cookie.category].push(cookie.name);
  return JSON.stringify(names);
}

function nonceAttr(request: FastifyRequest): SafeHtml | string {
  return request.cspNonce ? html` nonce="${request.cspNonce}"` : '';
}

/**
 * Goes into every page's <head>: the consent state for the stub, the stub itself (Consent Mode
 * defaults, activation of consented scripts), and the banner's style and script only while the
 * banner is shown. A returning visitor with a current choice loads the stub alone.
 */
export function consentHead(request: FastifyRequest): SafeHtml {
  const view = request.cookieConsent;
  const granted = view?.granted ?? [];
  const bannerCode = request.consentBannerCode || view?.showBanner;
  return html`<meta name="custodian-consent" content="${granted.join(' ')}" data-denied="${(view?.deniedServices ?? []).join(' ')}" data-gpc="${view?.gpc ? '1' : '0'}">
<script src="/assets/consent-stub.js"${nonceAttr(request)}></script>${bannerCode ? html`
<link rel="stylesheet" href="/assets/consent-banner.css">
<script src="/assets/consent-banner.js" defer${nonceAttr(request)}></script>` : ''}`;
}

/** The form every choice is posted with; works without JavaScript, enhanced by consent-banner.js. */
export function consentFormStart(request: FastifyRequest, cookies: readonly Cookie[], csrfToken: string, returnPath: string): SafeHtml {
  const tr = translator(request.locale ?? 'en');
  return html`<form method="post" action="/consent/cookies" class="consent-form" data-consent-form data-cookies="${cookieNamesJson(cookies)}" data-saved="${tr('consent.saved')}">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="return" value="${returnPath}">`;
}

/** A same-origin path to come back to; anything else falls back to the start page. */
export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || candidate.length > 512) return '/';
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(candidate) ? candidate : '/';
}

/** The first layer, after the skip link: fixed at the bottom, three buttons of one style. */
export function consentBanner(request: FastifyRequest): SafeHtml {
  const view = request.cookieConsent;
  if (!view?.showBanner) return html``;
  const tr = translator(request.locale ?? 'en');
  const here = safeReturnPath(request.url);
  if (here.startsWith('/consent/cookies')) return html``;
  return html`<div id="consent-banner" class="consent-banner" role="region" aria-label="${tr('consent.banner.label')}" tabindex="-1">
${consentFormStart(request, view.cookies, view.csrfToken(), here)}
<p class="consent-text">${tr('consent.banner.text')} <a href="/privacy/cookies">${tr('consent.banner.policy')}</a>${view.gpc ? html` ${tr('consent.banner.gpc')}` : ''}</p>
<div class="consent-actions">
<button type="submit" name="choice" value="accept-all" class="consent-button">${tr('consent.acceptAll')}</button>
<button type="submit" name="choice" value="reject-all" class="consent-button">${tr('consent.rejectAll')}</button>
<button type="submit" name="choice" value="settings" class="consent-button">${tr('consent.settings')}</button>
</div>
</form>
</div>`;
}
