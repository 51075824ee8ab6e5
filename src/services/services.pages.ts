import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { LicenceView, PlanView, ServiceDetail, ServiceView } from './read-services.js';
import { dateText, formatPrice, planSpecs, retentionDays, serviceLabel, timeHtml } from './service-format.js';
import { planKinds } from './services.tables.js';

export interface ServicesPageState {
  readonly services: readonly ServiceView[];
  readonly plans: readonly PlanView[];
  readonly currency: string;
  readonly errors?: readonly FieldError[];
  readonly submitted?: { readonly plan?: string; readonly hostname?: string; readonly serverIp?: string };
}

export function renderServicesPage(request: FastifyRequest, csrfToken: string, state: ServicesPageState): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('services.intro')}</p>
${state.services.length === 0 ? html`<p>${tr('services.none')}</p>` : servicesTable(tr, state.services)}
${orderForm(request, csrfToken, state)}`;
  return renderPage({ request, title: tr('services.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

function servicesTable(tr: Translate, services: readonly ServiceView[]): SafeHtml {
  return html`<div class="table-wrap"><table><caption>${tr('services.caption')}</caption>
<thead><tr><th scope="col">${tr('services.col.service')}</th><th scope="col">${tr('services.col.status')}</th><th scope="col">${tr('services.col.ordered')}</th></tr></thead>
<tbody>${services.map((s) => html`<tr><td><a href="/account/services/${s.id}">${serviceLabel(s)}</a></td><td>${tr(`services.status.${s.status}`)}</td><td>${timeHtml(s.orderedAt)}</td></tr>`)}</tbody></table></div>`;
}

function orderForm(request: FastifyRequest, csrfToken: string, state: ServicesPageState): SafeHtml {
  const tr = t(request);
  const errors = state.errors ?? [];
  const planError = errors.find((e) => e.field === 'plan');
  const selected = state.submitted?.plan;
  let first = true;
  const radio = (plan: PlanView) => {
    // The first radio carries the id the error summary links to.
    const id = first ? 'field-plan' : `plan-${plan.code}`;
    first = false;
    return html`<div class="field field-checkbox"><input type="radio" id="${id}" name="plan" value="${plan.code}"${plan.code === selected ? html` checked` : ''} aria-describedby="${id}-specs"><label for="${id}">${plan.name}: ${tr('services.price.monthly', { price: formatPrice(request, state.currency, plan.monthlyPriceCents) })}</label><p class="hint" id="${id}-specs">${planSpecs(tr, plan)}</p></div>`;
  };
  const groups = planKinds.map((kind) => ({ kind, plans: state.plans.filter((p) => p.kind === kind) })).filter((g) => g.plans.length > 0);
  return html`<section aria-labelledby="order-heading"><h2 id="order-heading">${tr('services.order.heading')}</h2>
<p>${tr('services.order.note')}</p>
${errorSummary(request, errors)}
<form method="post" action="/account/services" novalidate>
${hiddenCsrf(csrfToken)}
<fieldset${planError ? html` class="has-error"` : ''}><legend>${tr('services.order.plan')}</legend>
${planError ? html`<p class="field-error" id="field-plan-error">${planError.message}</p>` : ''}
${groups.map((group) => html`<fieldset><legend>${tr(`services.kind.${group.kind}`)}</legend>${group.plans.map(radio)}</fieldset>`)}
</fieldset>
${field({ name: 'hostname', label: tr('services.order.hostname'), hint: tr('services.order.hostnameHint'), value: state.submitted?.hostname ?? '', errors, autocomplete: 'off' })}
${field({ name: 'serverIp', label: tr('services.order.serverIp'), hint: tr('services.order.serverIpHint'), value: state.submitted?.serverIp ?? '', errors, autocomplete: 'off' })}
<div class="actions"><button type="submit">${tr('services.order.submit')}</button></div>
</form></section>`;
}

export interface ServicePageOptions {
  readonly currency: string;
  readonly checksPeriod: string;
  readonly done?: string;
}

export function renderServicePage(request: FastifyRequest, csrfToken: string, detail: ServiceDetail, options: ServicePageOptions): SafeHtml {
  const tr = t(request);
  const { service, licence } = detail;
  const main = html`${notice(options.done)}
${stateNote(tr, service)}
${serviceFacts(request, service, options.currency)}
${service.plan.kind === 'panel_licence' ? licenceSection(request, licence, options.checksPeriod) : ''}
${cancelSection(tr, csrfToken, service)}
<p><a href="/account/services">${tr('services.back')}</a></p>`;
  return renderPage({ request, title: serviceLabel(service), area: 'account', main, csrfToken, nav: accountNav(request) });
}

function stateNote(tr: Translate, service: ServiceView): SafeHtml {
  if (service.cancelAt && (service.status === 'active' || service.status === 'suspended')) return html`<p class="warning">${tr('services.state.cancelPending', { date: dateText(service.cancelAt) })}</p>`;
  if (service.status === 'ordered') return html`<p>${tr('services.state.ordered')}${service.invoiceId ? html` <a href="/account/billing/invoices/${service.invoiceId}">${tr('services.invoice.link')}</a>` : ''}</p>`;
  if (service.status === 'provisioning') return html`<p role="status">${tr('services.state.provisioning')}</p>`;
  if (service.status === 'failed') return html`<p class="warning">${tr('services.state.failed')}</p>`;
  if (service.status === 'suspended') return html`<p class="warning">${tr('services.state.suspended', { reason: service.suspensionReason ? tr(`services.reason.${service.suspensionReason}`) : '' })}</p>`;
  return html``;
}

/** The facts of one service as a description list; shared with the console. */
export function serviceFacts(request: FastifyRequest, service: ServiceView, currency: string): SafeHtml {
  const tr = t(request);
  const row = (label: string, value: SafeHtml | string | null) => (value === null || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`);
  const isLicence = service.plan.kind === 'panel_licence';
  return html`<dl class="summary">
${row(tr('services.field.status'), tr(`services.status.${service.status}`))}
${row(tr('services.field.plan'), `${service.plan.name} (${tr(`services.kind.${service.plan.kind}`)})`)}
${row(tr('services.field.price'), tr('services.price.monthly', { price: formatPrice(request, currency, service.plan.monthlyPriceCents) }))}
${row(tr('services.field.hostname'), service.hostname)}
${row(isLicence ? tr('services.field.licenceServer') : tr('services.field.serverIp'), service.serverIp)}
${row(tr('services.field.serverIpv6'), service.serverIpv6)}
${row(tr('services.field.ordered'), timeHtml(service.orderedAt))}
${service.activatedAt ? row(tr('services.field.activated'), timeHtml(service.activatedAt)) : ''}
${service.periodEndsAt && !service.cancelledAt ? row(tr('services.field.periodEnds'), timeHtml(service.periodEndsAt)) : ''}
${service.cancelAt && !service.cancelledAt ? row(tr('services.field.cancelAt'), timeHtml(service.cancelAt)) : ''}
${service.cancelledAt ? row(tr('services.field.cancelled'), timeHtml(service.cancelledAt)) : ''}
${service.suspendedAt ? row(tr('services.field.suspended'), timeHtml(service.suspendedAt)) : ''}
${service.invoiceId ? row(tr('services.field.invoice'), html`<a href="/account/billing/invoices/${service.invoiceId}">${tr('services.invoice.link')}</a>`) : ''}
</dl>`;
}

/** The licence with its key (holder only) and the recent checks; shared with the console, which passes no key. */
export function licenceSection(request: FastifyRequest, licence: LicenceView | null, checksPeriod: string): SafeHtml {
  const tr = t(request);
  if (!licence) return html`<section aria-labelledby="licence-heading"><h2 id="licence-heading">${tr('services.licence.heading')}</h2><p>${tr('services.licence.pending')}</p></section>`;
  return html`<section aria-labelledby="licence-heading"><h2 id="licence-heading">${tr('services.licence.heading')}</h2>
<dl class="summary">
<dt>${tr('services.licence.id')}</dt><dd><code>${licence.licenceId}</code></dd>
<dt>${tr('services.licence.boundIp')}</dt><dd><code>${licence.boundIp}</code></dd>
<dt>${tr('services.licence.issued')}</dt><dd>${timeHtml(licence.issuedAt)}</dd>
<dt>${tr('services.licence.key')}</dt><dd>${licence.key === null ? tr('services.console.noKey') : html`<details><summary>${tr('services.licence.keyShow')}</summary><p><code>${licence.key}</code></p><p class="hint">${tr('services.licence.keyHint')}</p></details>`}</dd>
</dl>
<h3>${tr('services.checks.heading')}</h3>
<p>${tr('services.checks.intro', { period: retentionDays(request, checksPeriod) })}</p>
${licence.recentChecks.length === 0 ? html`<p>${tr('services.checks.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('services.checks.caption')}</caption>
<thead><tr><th scope="col">${tr('services.checks.col.at')}</th><th scope="col">${tr('services.checks.col.network')}</th><th scope="col">${tr('services.checks.col.matched')}</th><th scope="col">${tr('services.checks.col.version')}</th><th scope="col">${tr('services.checks.col.result')}</th></tr></thead>
<tbody>${licence.recentChecks.map((c) => html`<tr><td>${timeHtml(c.checkedAt)}</td><td>${c.callerNetwork ?? ''}</td><td>${c.serverIpMatched ? tr('services.yes') : tr('services.no')}</td><td>${c.version}</td><td>${tr(`services.checkResult.${c.result}`)}</td></tr>`)}</tbody></table></div>`}
</section>`;
}

function cancelSection(tr: Translate, csrfToken: string, service: ServiceView): SafeHtml {
  const immediate = service.status === 'ordered' || service.status === 'failed';
  const endOfTerm = (service.status === 'active' || service.status === 'suspended') && !service.cancelAt;
  if (!immediate && !endOfTerm) return html``;
  return html`<section aria-labelledby="cancel-heading"><h2 id="cancel-heading">${tr('services.cancel.heading')}</h2>
<p>${immediate ? tr('services.cancel.now') : tr('services.cancel.endOfTerm')}</p>
<form method="post" action="/account/services/${service.id}/cancel">${hiddenCsrf(csrfToken)}<button type="submit" class="danger">${tr('services.cancel.submit')}</button></form></section>`;
}
