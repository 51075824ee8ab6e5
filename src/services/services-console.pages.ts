import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, t } from '../http/layout.js';
import type { ServiceDetail, ServiceView } from './read-services.js';
import { serviceLabel, timeHtml } from './service-format.js';
import { licenceSection, serviceFacts } from './services.pages.js';
import { serviceStatuses, suspensionReasons, type ServiceStatus } from './services.tables.js';

export function consoleServicesMain(request: FastifyRequest, state: { services: readonly ServiceView[]; status?: ServiceStatus; page: number; hasMore: boolean }): SafeHtml {
  const tr = t(request);
  const next = new URLSearchParams({ ...(state.status ? { status: state.status } : {}), page: String(state.page + 1) });
  return html`<p>${tr('services.console.intro')}</p>
<form method="get" action="/console/services" class="actions">
<div class="field"><label for="filter-status">${tr('services.console.filter')}</label><select id="filter-status" name="status"><option value="">${tr('services.console.allStatuses')}</option>${serviceStatuses.map((s) => html`<option value="${s}"${s === state.status ? html` selected` : ''}>${tr(`services.status.${s}`)}</option>`)}</select></div>
<button type="submit" class="secondary">${tr('services.console.show')}</button>
</form>
${state.services.length === 0 ? html`<p>${tr('services.console.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('services.console.caption')}</caption>
<thead><tr><th scope="col">${tr('services.col.service')}</th><th scope="col">${tr('services.col.status')}</th><th scope="col">${tr('services.col.account')}</th><th scope="col">${tr('services.col.ordered')}</th></tr></thead>
<tbody>${state.services.map((s) => html`<tr><td><a href="/console/services/${s.id}">${serviceLabel(s)}</a></td><td>${tr(`services.status.${s.status}`)}</td><td><code>${s.accountId.slice(0, 8)}</code></td><td>${timeHtml(s.orderedAt)}</td></tr>`)}</tbody></table></div>`}
${state.hasMore ? html`<p><a href="/console/services?${next.toString()}">${tr('services.console.more')}</a></p>` : ''}`;
}

export interface ConsoleServiceOptions {
  readonly currency: string;
  readonly checksPeriod: string;
  readonly canManage: boolean;
  readonly done?: string;
}

export function consoleServiceMain(request: FastifyRequest, csrf: string, detail: ServiceDetail, options: ConsoleServiceOptions): SafeHtml {
  const tr = t(request);
  const { service } = detail;
  return html`${notice(options.done)}
${serviceFacts(request, service, options.currency)}
<dl class="summary">
<dt>${tr('services.field.account')}</dt><dd><code>${service.accountId}</code></dd>
${service.suspensionReason ? html`<dt>${tr('services.field.suspensionReason')}</dt><dd>${tr(`services.reasonLabel.${service.suspensionReason}`)}</dd>` : ''}
${service.failureReason ? html`<dt>${tr('services.field.failureReason')}</dt><dd><code>${service.failureReason}</code></dd>` : ''}
</dl>
${service.plan.kind === 'panel_licence' ? licenceSection(request, detail.licence, options.checksPeriod) : ''}
${options.canManage ? manageForms(request, csrf, service) : ''}
<p><a href="/console/services">${tr('services.console.back')}</a></p>`;
}

function manageForms(request: FastifyRequest, csrf: string, service: ServiceView): SafeHtml {
  const tr = t(request);
  if (service.status === 'active') {
    return html`<section aria-labelledby="suspend-heading"><h2 id="suspend-heading">${tr('services.console.suspendHeading')}</h2>
<form method="post" action="/console/services/${service.id}/suspend">${hiddenCsrf(csrf)}
<div class="field"><label for="field-reason">${tr('services.console.reason')}</label><select id="field-reason" name="reason">${suspensionReasons.map((r) => html`<option value="${r}">${tr(`services.reasonLabel.${r}`)}</option>`)}</select></div>
<div class="actions"><button type="submit" class="danger">${tr('services.console.suspend')}</button></div>
</form></section>`;
  }
  if (service.status === 'suspended') {
    return html`<section aria-labelledby="unsuspend-heading"><h2 id="unsuspend-heading">${tr('services.console.unsuspendHeading')}</h2>
<form method="post" action="/console/services/${service.id}/unsuspend">${hiddenCsrf(csrf)}<div class="actions"><button type="submit">${tr('services.console.unsuspend')}</button></div></form></section>`;
  }
  return html``;
}
