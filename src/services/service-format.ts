import type { FastifyRequest } from 'fastify';
import { durationMs } from '../config/duration.js';
import { html, type SafeHtml } from '../http/html.js';
import { t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { PlanView, ServiceView } from './read-services.js';

/** A net price in the reader's language and the provider's currency. */
export function formatPrice(request: FastifyRequest, currency: string, cents: number): string {
  return new Intl.NumberFormat(request.locale ?? 'en', { style: 'currency', currency }).format(cents / 100);
}

export function timeHtml(date: Date | null): SafeHtml {
  if (!date) return html``;
  const iso = date.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The facts that tell plans of one kind apart, in the reader's language. */
export function planSpecs(tr: Translate, plan: Pick<PlanView, 'kind' | 'cpuCores' | 'memoryGb' | 'storageGb' | 'websites' | 'hostedAccounts'>): string {
  const specs: string[] = [];
  if (plan.cpuCores !== null) specs.push(tr('services.spec.cpu', { n: plan.cpuCores }));
  if (plan.memoryGb !== null) specs.push(tr('services.spec.memory', { n: plan.memoryGb }));
  if (plan.storageGb !== null) specs.push(tr('services.spec.storage', { n: plan.storageGb }));
  if (plan.websites !== null) specs.push(tr('services.spec.websites', { n: plan.websites }));
  if (plan.kind === 'panel_licence') specs.push(plan.hostedAccounts === null ? tr('services.spec.unlimitedAccounts') : tr('services.spec.hostedAccounts', { n: plan.hostedAccounts }));
  return specs.join(', ');
}

/** What to call a service in a list: its plan, and the hostname or server it is for. */
export function serviceLabel(service: Pick<ServiceView, 'plan' | 'hostname' | 'serverIp'>): string {
  const target = service.hostname ?? (service.plan.kind === 'panel_licence' ? service.serverIp : null);
  return target ? `${service.plan.name} · ${target}` : service.plan.name;
}

/** The retention period of licence checks in days, for the sentence telling customers how long checks are kept. */
export function retentionDays(request: FastifyRequest, period: string): string {
  return t(request)('services.days', { n: Math.round(durationMs(period) / 86_400_000) });
}
