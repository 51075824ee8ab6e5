import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { Availability } from './check-availability.js';
import type { RegistrarFailureReason } from './registrar.adapter.js';
import type { ContactView } from './domain-contacts.js';
import { durationMs } from '../config/duration.js';
import { formatDate, formatMoney, formatTime } from './domain-format.js';
import type { TldRow } from './domains.store.js';
import { publishableFields, type DomainStatus } from './domains.tables.js';
import type { DomainDetail, DomainSummary } from './read-domains.js';
import { renderDocumentsSection } from './documents.pages.js';

export interface Money {
  readonly currency: string;
  readonly locale: string;
}

export const statusLabel = (tr: Translate, status: DomainStatus): string => tr(`domains.status.${status}`);

function availabilityResult(tr: Translate, result: Availability, money: Money): SafeHtml {
  const price = formatMoney(result.tld.yearly_price_cents, money.currency, money.locale);
  if (result.available) {
    return html`<div class="notice" role="status"><p>${tr('domains.check.available', { fqdn: result.fqdn, price })}</p>
${result.tld.requires_identity_document ? html`<p>${tr('domains.check.needsDocument', { tld: result.tld.tld })}</p>` : ''}
<p><a class="button" href="/account/domains/register?fqdn=${encodeURIComponent(result.fqdn)}">${tr('domains.check.register', { fqdn: result.fqdn })}</a></p></div>`;
  }
  const transfer = result.reason === 'registered' ? html`<p><a href="/account/domains/transfer?fqdn=${encodeURIComponent(result.fqdn)}">${tr('domains.check.transfer', { fqdn: result.fqdn })}</a></p>` : '';
  return html`<div class="notice" role="status"><p>${tr(`domains.check.unavailable.${result.reason ?? 'registered'}`, { fqdn: result.fqdn })}</p>${transfer}</div>`;
}

export function renderDomainsPage(request: FastifyRequest, csrfToken: string, view: { domains: readonly DomainSummary[]; tlds: readonly TldRow[]; query: string; result: Availability | null; errors?: readonly FieldError[]; money: Money }): SafeHtml {
  const tr = t(request);
  const main = html`${errorSummary(request, view.errors)}
<section aria-labelledby="check-title"><h2 id="check-title">${tr('domains.check.title')}</h2>
<form method="get" action="/account/domains" novalidate>
${field({ name: 'fqdn', label: tr('domains.field.fqdn'), value: view.query, errors: view.errors, hint: tr('domains.field.fqdnHint'), autocomplete: 'off' })}
<button type="submit">${tr('domains.check.submit')}</button>
</form>
${view.result ? availabilityResult(tr, view.result, view.money) : ''}
<p><a href="/account/domains/transfer">${tr('domains.transfer.link')}</a></p>
</section>
<section aria-labelledby="list-title"><h2 id="list-title">${tr('domains.list.title')}</h2>
${view.domains.length === 0 ? html`<p>${tr('domains.list.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('domains.list.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.col.domain')}</th><th scope="col">${tr('domains.col.status')}</th><th scope="col">${tr('domains.col.expires')}</th></tr></thead>
<tbody>${view.domains.map((d) => html`<tr><td><a href="/account/domains/${d.id}">${d.fqdn}</a></td><td>${statusLabel(tr, d.status)}</td><td>${formatDate(d.expiresAt)}</td></tr>`)}</tbody></table></div>`}
</section>
<section aria-labelledby="prices-title"><h2 id="prices-title">${tr('domains.prices.title')}</h2>
<div class="table-wrap"><table><caption>${tr('domains.prices.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.col.tld')}</th><th scope="col">${tr('domains.col.yearly')}</th><th scope="col">${tr('domains.col.transfer')}</th><th scope="col">${tr('domains.col.document')}</th></tr></thead>
<tbody>${view.tlds.map((tld) => html`<tr><td>.${tld.tld}</td><td>${formatMoney(tld.yearly_price_cents, view.money.currency, view.money.locale)}</td><td>${formatMoney(tld.transfer_price_cents, view.money.currency, view.money.locale)}</td><td>${tr(tld.requires_identity_document ? 'domains.yes' : 'domains.no')}</td></tr>`)}</tbody></table></div>
</section>`;
  return renderPage({ request, title: tr('domains.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

export function contactsTable(tr: Translate, contacts: readonly ContactView[]): SafeHtml {
  return html`<div class="table-wrap"><table><caption>${tr('domains.contacts.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.col.role')}</th><th scope="col">${tr('domains.field.name')}</th><th scope="col">${tr('domains.field.email')}</th><th scope="col">${tr('domains.field.phone')}</th><th scope="col">${tr('domains.col.address')}</th><th scope="col">${tr('domains.col.atRegistry')}</th></tr></thead>
<tbody>${contacts.map((c) => html`<tr><th scope="row">${tr(`domains.contacts.${c.role}`)}</th><td>${c.name}${c.organisation ? html`<br>${c.organisation}` : ''}</td><td>${c.email}</td><td>${c.phone}</td><td>${c.street}, ${c.postalCode} ${c.city}, ${c.country}</td><td>${c.registrySyncedAt ? formatDate(c.registrySyncedAt) : tr('domains.contacts.notYetSent')}</td></tr>`)}</tbody></table></div>`;
}

function publicationSection(tr: Translate, csrfToken: string, domain: DomainDetail, errors: readonly FieldError[] | undefined): SafeHtml {
  const current = domain.publishContactData
    ? tr('domains.publication.currentPublished', { fields: domain.publishedFields.map((f) => tr(`domains.publication.field.${f}`)).join(', ') })
    : tr('domains.publication.currentHidden');
  const error = errors?.find((e) => e.field === 'fields' || e.field === 'publish');
  return html`<section aria-labelledby="publication-title"><h2 id="publication-title">${tr('domains.publication.title')}</h2>
<p>${tr('domains.publication.intro')}</p>
<p><strong>${current}</strong> ${domain.publicationChosenAt ? tr('domains.publication.chosenAt', { at: formatTime(domain.publicationChosenAt) }) : tr('domains.publication.default')}</p>
<form method="post" action="/account/domains/${domain.id}/publication">
${hiddenCsrf(csrfToken)}
<fieldset${error ? html` aria-describedby="publication-error"` : ''}><legend>${tr('domains.publication.legend')}</legend>
${error ? html`<p class="field-error" id="publication-error">${error.message}</p>` : ''}
<div class="field field-checkbox"><input type="radio" id="publish-no" name="publish" value="no"${domain.publishContactData ? '' : html` checked`}><label for="publish-no">${tr('domains.publication.no')}</label></div>
<div class="field field-checkbox"><input type="radio" id="publish-yes" name="publish" value="yes"${domain.publishContactData ? html` checked` : ''}><label for="publish-yes">${tr('domains.publication.yes')}</label></div>
</fieldset>
<fieldset><legend>${tr('domains.publication.fieldsLegend')}</legend>
${publishableFields.map((f) => html`<div class="field field-checkbox"><input type="checkbox" id="publish-field-${f}" name="fields" value="${f}"${domain.publishedFields.includes(f) ? html` checked` : ''}><label for="publish-field-${f}">${tr(`domains.publication.field.${f}`)}</label></div>`)}
</fieldset>
<button type="submit">${tr('domains.publication.submit')}</button>
</form></section>`;
}

function renewSection(tr: Translate, csrfToken: string, domain: DomainDetail, money: Money): SafeHtml {
  if (!domain.canRenew) return html``;
  const options = [1, 2, 3, 5, 10].filter((n) => n <= domain.maxYears);
  return html`<section aria-labelledby="renew-title"><h2 id="renew-title">${tr('domains.renew.title')}</h2>
<form method="post" action="/account/domains/${domain.id}/renew">
${hiddenCsrf(csrfToken)}
<div class="field"><label for="field-renew-years">${tr('domains.field.years')}</label><p class="hint" id="field-renew-years-hint">${tr('domains.renew.hint', { price: formatMoney(domain.yearlyPriceCents, money.currency, money.locale) })}</p>
<select id="field-renew-years" name="years" aria-describedby="field-renew-years-hint">${options.map((n) => html`<option value="${n}">${tr(n === 1 ? 'domains.period.year' : 'domains.period.years', { n })}</option>`)}</select></div>
<button type="submit">${tr('domains.renew.submit')}</button>
</form></section>`;
}

function cancelSection(tr: Translate, csrfToken: string, domain: DomainDetail, unpaidOrderPeriod: string): SafeHtml {
  if (!domain.orders.some((o) => o.status === 'awaiting_payment')) return html``;
  return html`<section aria-labelledby="cancel-title"><h2 id="cancel-title">${tr('domains.cancel.title')}</h2>
<p>${tr('domains.cancel.intro', { days: Math.round(durationMs(unpaidOrderPeriod) / 86_400_000) })}</p>
<form method="post" action="/account/domains/${domain.id}/cancel">
${hiddenCsrf(csrfToken)}
<button type="submit">${tr('domains.cancel.submit')}</button>
</form></section>`;
}

function ordersTable(tr: Translate, domain: DomainDetail): SafeHtml {
  if (domain.orders.length === 0) return html``;
  return html`<section aria-labelledby="orders-title"><h2 id="orders-title">${tr('domains.orders.title')}</h2>
<div class="table-wrap"><table><caption>${tr('domains.orders.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.col.order')}</th><th scope="col">${tr('domains.col.status')}</th><th scope="col">${tr('domains.col.ordered')}</th><th scope="col">${tr('domains.col.finished')}</th></tr></thead>
<tbody>${domain.orders.map((o) => html`<tr><td>${tr(`domains.order.${o.kind}`)}${o.kind === 'transfer' ? '' : html` (${tr(o.years === 1 ? 'domains.period.year' : 'domains.period.years', { n: o.years })})`}</td><td>${tr(`domains.orderStatus.${o.status}`)}${o.failure_reason ? html` — ${tr(`domains.failure.${o.failure_reason as RegistrarFailureReason}`)}` : ''}</td><td>${formatDate(o.created_at)}</td><td>${formatDate(o.finished_at)}</td></tr>`)}</tbody></table></div>
${domain.orders.some((o) => o.status === 'awaiting_payment') ? html`<p><a href="/account/billing">${tr('domains.orders.pay')}</a></p>` : ''}
</section>`;
}

export function renderDomainPage(request: FastifyRequest, csrfToken: string, domain: DomainDetail, extras: { notice?: string; errors?: readonly FieldError[]; formError?: string; money: Money; idDocumentsPeriod: string; unpaidOrderPeriod: string }): SafeHtml {
  const tr = t(request);
  const main = html`${notice(extras.notice)}${errorSummary(request, extras.errors, extras.formError)}
<dl>
<dt>${tr('domains.col.status')}</dt><dd>${statusLabel(tr, domain.status)}</dd>
<dt>${tr('domains.col.registered')}</dt><dd>${formatDate(domain.registeredAt)}</dd>
<dt>${tr('domains.col.expires')}</dt><dd>${formatDate(domain.expiresAt)}</dd>
</dl>
${domain.requiresIdentityDocument ? renderDocumentsSection(request, csrfToken, domain, extras.idDocumentsPeriod, extras.errors) : ''}
<section aria-labelledby="contacts-title"><h2 id="contacts-title">${tr('domains.contacts.title')}</h2>
${contactsTable(tr, domain.contacts)}
${domain.status === 'failed' || domain.status === 'cancelled' ? '' : html`<p><a href="/account/domains/${domain.id}/tech-contact">${tr('domains.tech.link')}</a></p>`}
</section>
${publicationSection(tr, csrfToken, domain, extras.errors)}
${renewSection(tr, csrfToken, domain, extras.money)}
${ordersTable(tr, domain)}
${cancelSection(tr, csrfToken, domain, extras.unpaidOrderPeriod)}
<p><a href="/account/domains">${tr('domains.back')}</a></p>`;
  return renderPage({ request, title: domain.fqdn, area: 'account', main, csrfToken, nav: accountNav(request) });
}
