import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { t } from '../http/layout.js';
import { optionalCategories, servicesOf, type Cookie, type OptionalCategory } from './consent-choice.js';
import { consentFormStart } from './consent-layout.js';
import type { CookieConsentView } from './consent-request.js';

function cookieList(request: FastifyRequest, cookies: readonly Cookie[]): SafeHtml {
  const tr = t(request);
  return html`<ul class="consent-cookies">${cookies.map((c) => html`<li>${tr('consent.settings.cookie', { name: c.name, purpose: c.purpose, duration: c.duration })}</li>`)}</ul>`;
}

function categorySection(request: FastifyRequest, view: CookieConsentView, category: OptionalCategory): SafeHtml {
  const tr = t(request);
  const id = `consent-${category}`;
  const blockedByGpc = category === 'marketing' && view.gpc;
  const granted = view.granted.includes(category);
  const services = servicesOf(view.cookies).filter((s) => s.category === category);
  const describedBy = `${id}-hint${blockedByGpc ? ` ${id}-gpc` : ''}`;
  return html`<fieldset class="consent-category">
<legend>${tr(`consent.category.${category}`)}</legend>
<div class="field field-checkbox"><input id="${id}" name="${category}" type="checkbox" value="yes"${granted ? html` checked` : ''}${blockedByGpc ? html` disabled` : ''} aria-describedby="${describedBy}"><label for="${id}">${tr(`consent.category.${category}`)}</label></div>
<p class="hint" id="${id}-hint">${tr(`consent.category.${category}.hint`)}</p>
${blockedByGpc ? html`<p class="hint" id="${id}-gpc">${tr('consent.settings.gpc')}</p>` : ''}
${services.length === 0 ? html`<p>${tr('consent.settings.noServices')}</p>` : html`<fieldset class="consent-services"><legend>${tr('consent.settings.services')}</legend>
${services.map((s) => html`<div class="field field-checkbox"><input id="service-${s.id}" name="service" type="checkbox" value="${s.id}"${granted && !view.deniedServices.includes(s.id) ? html` checked` : ''}${blockedByGpc ? html` disabled` : ''}><label for="service-${s.id}">${s.provider}</label></div>
${cookieList(request, s.cookies)}`)}
</fieldset>`}
</fieldset>`;
}

/** The second layer: every category and service, strictly necessary shown as always on. */
export function settingsMain(request: FastifyRequest, view: CookieConsentView, returnPath: string): SafeHtml {
  const tr = t(request);
  const necessary = view.cookies.filter((c) => c.category === 'strictly-necessary');
  return html`<p>${tr('consent.settings.intro')} <a href="/privacy/cookies">${tr('consent.banner.policy')}</a></p>
${view.gpc ? html`<p>${tr('consent.banner.gpc')}</p>` : ''}
${consentFormStart(request, view.cookies, view.csrfToken(), returnPath)}
<fieldset class="consent-category">
<legend>${tr('consent.category.strictly-necessary')}</legend>
<div class="field field-checkbox"><input id="consent-strictly-necessary" type="checkbox" checked disabled aria-describedby="consent-strictly-necessary-hint"><label for="consent-strictly-necessary">${tr('consent.category.strictly-necessary')}</label></div>
<p class="hint" id="consent-strictly-necessary-hint">${tr('consent.settings.alwaysOn')} ${tr('consent.category.strictly-necessary.hint')}</p>
${cookieList(request, necessary)}
</fieldset>
${optionalCategories.map((category) => categorySection(request, view, category))}
<div class="consent-actions">
<button type="submit" name="choice" value="save" class="consent-button">${tr('consent.settings.save')}</button>
<button type="submit" name="choice" value="accept-all" class="consent-button">${tr('consent.acceptAll')}</button>
<button type="submit" name="choice" value="reject-all" class="consent-button">${tr('consent.rejectAll')}</button>
</div>
<p class="consent-status" role="status"></p>
</form>`;
}

export const demoMeasurementIds = { ga4: 'G-CUSTODIAN1', yandex: '12345678', meta: '1234567890' } as const;

/**
 * The integration example providers copy for their marketing site: each recipe from
 * docs/cookie-recipes.md as inert `type="text/plain"` scripts that the stub activates on consent.
 */
export function demoMain(request: FastifyRequest, nonce: string): SafeHtml {
  const tr = t(request);
  const { ga4, yandex, meta } = demoMeasurementIds;
  return html`<p>${tr('consent.demo.intro')}</p>
<p>${tr('consent.demo.status')} <a href="/consent/cookies?return=%2Fconsent%2Fdemo">${tr('consent.footerLink')}</a></p>
<script type="text/plain" data-category="analytics" src="https://www.googletagmanager.com/gtag/js?id=${ga4}" async></script>
<script type="text/plain" data-category="analytics" nonce="${nonce}">gtag('js', new Date()); gtag('config', '${ga4}');</script>
<script type="text/plain" data-category="analytics" nonce="${nonce}">(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};m[i].l=1*new Date();for(var j=0;j<document.scripts.length;j++){if(document.scripts[j].src===r){return;}}k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})(window,document,'script','https://mc.yandex.ru/metrika/tag.js','ym');ym(${yandex},'init',{clickmap:true,trackLinks:true,accurateTrackBounce:true});</script>
<script type="text/plain" data-category="marketing" nonce="${nonce}">!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init','${meta}');fbq('track','PageView');</script>`;
}
