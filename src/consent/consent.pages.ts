import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import { consentChannels, type ConsentChannel } from './consent.tables.js';
import { channelLabels, marketingPurposes } from './consent-purposes.js';

export interface ChoicesView {
  /** Form field names (`purposeId.channel`) currently consented to. */
  readonly given: ReadonlySet<string>;
  readonly noticeVersion: string;
  readonly message?: string;
}

/** Fieldset per purpose, one checkbox per channel, none ticked unless consent is recorded. */
export function renderPrivacyChoicesPage(request: FastifyRequest, csrf: string, view: ChoicesView): SafeHtml {
  const tr = t(request);
  const purposes = marketingPurposes.map((p) => html`<fieldset class="consent-purpose" aria-describedby="hint-${p.id}">
<legend>${tr(p.label)}</legend>
<p class="hint" id="hint-${p.id}">${tr(p.hint)}</p>
${consentChannels.map((channel) => {
    const name = `${p.id}.${channel}`;
    const id = `field-${p.id}-${channel}`;
    return html`<div class="field field-checkbox"><input id="${id}" name="${name}" type="checkbox" value="yes"${view.given.has(name) ? html` checked` : ''}><label for="${id}">${tr(channelLabels[channel])}</label></div>`;
  })}
</fieldset>`);
  const main = html`${notice(view.message)}
<p>${tr('privacyChoices.intro')}</p>
<p>${tr('privacyChoices.withdrawNote')}</p>
<p>${tr('privacyChoices.serviceNote')}</p>
<p>${tr('privacyChoices.doubleOptInNote')}</p>
<p>${tr('privacyChoices.noticeVersion', { version: view.noticeVersion })} <a href="/privacy">${tr('privacyChoices.noticeLink')}</a></p>
<form method="post" action="/account/privacy" novalidate>
${hiddenCsrf(csrf)}
${purposes}
<div class="actions">
<button type="submit" name="action" value="save">${tr('privacyChoices.save')}</button>
<button type="submit" name="action" value="withdraw_all">${tr('privacyChoices.withdrawAll')}</button>
</div>
</form>`;
  return renderPage({ request, title: tr('privacyChoices.title'), area: 'account', main, csrfToken: csrf, nav: accountNav(request) });
}

/** The double opt-in link's page: confirming is a button, so a link scanner confirms nothing. */
export function renderConfirmPage(request: FastifyRequest, csrf: string, view: { token: string; purposes: readonly string[] } | { message: string }): SafeHtml {
  const tr = t(request);
  const main = 'message' in view
    ? html`<p role="status">${view.message}</p><p><a href="/account/privacy">${tr('privacyChoices.title')}</a></p>`
    : html`<p>${tr('privacyChoices.confirm.intro')}</p>
<ul>${view.purposes.map((iri) => {
        const known = marketingPurposes.find((p) => p.iri === iri);
        return html`<li>${known ? tr(known.label) : iri}</li>`;
      })}</ul>
<form method="post" action="/account/privacy/confirm">${hiddenCsrf(csrf)}<input type="hidden" name="token" value="${view.token}"><button type="submit">${tr('privacyChoices.confirm.submit')}</button></form>`;
  return renderPage({ request, title: tr('privacyChoices.confirm.title'), area: 'public', main, csrfToken: csrf });
}

/** GET of an unsubscribe link: a page with a button, never a withdrawal (link scanners follow GETs). */
export function renderUnsubscribePage(request: FastifyRequest, view: { token: string; purpose: string; channel: ConsentChannel } | { message: string }): SafeHtml {
  const tr = t(request);
  let main: SafeHtml;
  if ('message' in view) {
    main = html`<p role="status">${view.message}</p>`;
  } else {
    const known = marketingPurposes.find((p) => p.iri === view.purpose);
    // Posted without a CSRF token on purpose: the link itself is the credential (RFC 8058).
    main = html`<p>${tr('privacyChoices.unsubscribe.intro', { purpose: known ? tr(known.label) : view.purpose, channel: tr(channelLabels[view.channel]) })}</p>
<form method="post" action="/unsubscribe/${view.token}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${tr('privacyChoices.unsubscribe.submit')}</button></form>`;
  }
  return renderPage({ request, title: tr('privacyChoices.unsubscribe.title'), area: 'public', main });
}
