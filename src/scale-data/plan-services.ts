import { countAround, pick } from '../demo/seeded-random.js';
import type { LicenceCheckResult, ServiceStatus } from '../services/services.tables.js';
import type { InvoiceBook } from './invoice-book.js';
import { addMonths, chance, dayOf, dayStart, DAY, MINUTE, weighted, type CataloguePlan, type PlanContext } from './plan-context.js';
import { scaleRatios as ratios } from './scale-ratios.js';
import type { Random } from './scale-ids.js';

export interface LicenceCheckPlan {
  readonly at: number;
  readonly result: LicenceCheckResult;
  readonly matched: boolean;
  readonly version: string;
}

export interface ServicePlan {
  /** Position in the customer's services; invoice lines refer to it. */
  readonly index: number;
  readonly plan: CataloguePlan;
  readonly orderDay: number;
  readonly orderInvoice: number;
  readonly hostname: string | null;
  readonly serverIp: string | null;
  readonly serverIpv6: string | null;
  status: ServiceStatus;
  activatedAt: number | null;
  periodEndsAt: number | null;
  suspendedAt: number | null;
  cancelledAt: number | null;
  failed: boolean;
  readonly cancelDay: number | null;
  licenceChecks: LicenceCheckPlan[];
}

/** Seconds the local panel needs per kind (src/services/local-provisioning.ts); licences are issued at once. */
const provisioningMs: Readonly<Record<string, number>> = { shared_hosting: 5_000, ssl_certificate: 15_000, vps: 30_000, dedicated_server: 120_000, panel_licence: 1_000 };

/**
 * Services ordered over the customer's time with us: each order is invoiced at once and set up when
 * paid; a monthly invoice on the billing day lists every service still running. Some are cancelled
 * later, a few fail to provision (credited and refunded), late payers' services are suspended.
 */
export function planServices(ctx: PlanContext, random: Random, book: InvoiceBook, signupDay: number, hostnames: readonly string[]): ServicePlan[] {
  const count = chance(random, ratios.noServiceShare) ? 0 : 1 + countAround(random, ratios.extraServicesMean);
  const services: ServicePlan[] = [];
  for (let s = 0; s < count; s += 1) {
    const orderDay = s === 0 ? signupDay : signupDay + Math.floor(random() * (ctx.asOfDay - signupDay));
    const plan = weighted(random, ctx.plans);
    const failed = chance(random, ratios.serviceFailShare) && orderDay < ctx.asOfDay - 30;
    const cancelAfterDays = chance(random, ratios.serviceCancelShare) ? 30 * (1 + Math.floor(random() * 24)) : null;
    const cancelDay = cancelAfterDays !== null && orderDay + cancelAfterDays < ctx.asOfDay ? orderDay + cancelAfterDays : null;
    const host = hostnames.length > 0 ? pick(random, hostnames) : null;
    const server = addressesFor(random, plan);
    const orderInvoice = book.add(orderDay, [{ item: { kind: 'service', index: s }, text: { kind: 'service' }, quantity: 1, unitCents: plan.monthlyCents }]);
    services.push({
      index: s, plan, orderDay, orderInvoice, cancelDay, failed,
      hostname: plan.kind === 'panel_licence' ? null : hostnameFor(plan, host, s),
      ...server,
      status: 'ordered', activatedAt: null, periodEndsAt: null, suspendedAt: null, cancelledAt: null, licenceChecks: [],
    });
  }
  addMonthlyInvoices(ctx, book, signupDay, services);
  for (const service of services) settle(ctx, random, book, service);
  return services;
}

function hostnameFor(plan: CataloguePlan, domain: string | null, s: number): string {
  const base = domain ?? `site${s + 1}.example.net`;
  if (plan.kind === 'vps') return `vps${s + 1}.${base}`;
  if (plan.kind === 'dedicated_server') return `server${s + 1}.${base}`;
  return base;
}

/** Documentation address ranges only (RFC 5737, RFC 3849); licences are bound to the customer's own server. */
function addressesFor(random: Random, plan: CataloguePlan): { serverIp: string | null; serverIpv6: string | null } {
  const v6 = `2001:db8:${Math.floor(random() * 0xffff).toString(16)}:${Math.floor(random() * 0xffff).toString(16)}::1`;
  switch (plan.kind) {
    case 'shared_hosting': return { serverIp: `198.51.100.${10 + Math.floor(random() * 10)}`, serverIpv6: v6 };
    case 'vps':
    case 'dedicated_server': return { serverIp: `198.51.100.${20 + Math.floor(random() * 235)}`, serverIpv6: v6 };
    case 'panel_licence': return { serverIp: `203.0.113.${1 + Math.floor(random() * 254)}`, serverIpv6: null };
    default: return { serverIp: null, serverIpv6: null };
  }
}

function runsOn(book: InvoiceBook, service: ServicePlan, day: number): boolean {
  const paidAt = book.paidAt(service.orderInvoice);
  return !service.failed && paidAt !== null && paidAt < book.at(day) && (service.cancelDay === null || service.cancelDay > day);
}

/** One invoice a month on the customer's billing day (the sign-up day of the month, at most the 28th). */
function addMonthlyInvoices(ctx: PlanContext, book: InvoiceBook, signupDay: number, services: ServicePlan[]): void {
  if (services.length === 0) return;
  for (let month = 1; ; month += 1) {
    const day = dayOf(billingDate(signupDay, month));
    if (day >= ctx.asOfDay) return;
    const lines = services.flatMap((service) => (runsOn(book, service, day) ? [{ item: { kind: 'service' as const, index: service.index }, text: { kind: 'service' as const }, quantity: 1, unitCents: service.plan.monthlyCents }] : []));
    if (lines.length > 0) book.add(day, lines, true);
  }
}

function billingDate(signupDay: number, months: number): number {
  const signup = new Date(dayStart(signupDay));
  return Date.UTC(signup.getUTCFullYear(), signup.getUTCMonth() + months, Math.min(28, signup.getUTCDate()));
}

function settle(ctx: PlanContext, random: Random, book: InvoiceBook, service: ServicePlan): void {
  const paidAt = book.paidAt(service.orderInvoice);
  if (paidAt === null) return;
  if (service.failed) {
    service.status = 'failed';
    book.credit(service.orderInvoice, 1, 'The ordered service could not be set up; refunded in full.');
    return;
  }
  service.activatedAt = Math.min(paidAt + (provisioningMs[service.plan.kind] ?? 5_000), ctx.asOf - 1);
  service.status = 'active';
  const covered = book.invoices.filter((invoice) => invoice.lines.some((line) => line.item.kind === 'service' && line.item.index === service.index));
  const lastDay = covered.reduce((max, invoice) => Math.max(max, invoice.day), service.orderDay);
  service.periodEndsAt = addMonths(book.at(lastDay), 1);
  if (service.cancelDay !== null) {
    service.status = 'cancelled';
    service.cancelledAt = book.at(service.cancelDay) + MINUTE;
    service.periodEndsAt = service.cancelledAt;
  } else {
    const overdue = covered.find((invoice) => invoice.paidAt === null && invoice.day <= ctx.asOfDay - 36);
    if (overdue) {
      service.status = 'suspended';
      service.suspendedAt = book.at(overdue.day + 35);
    }
  }
  if (service.plan.kind === 'panel_licence') service.licenceChecks = planLicenceChecks(ctx, random, service);
}

/** About one check a day while the licence is in the retention window; suspended and cancelled ones are told so. */
function planLicenceChecks(ctx: PlanContext, random: Random, service: ServicePlan): LicenceCheckPlan[] {
  const checks: LicenceCheckPlan[] = [];
  const first = Math.max(dayOf(service.activatedAt!) + 1, ctx.asOfDay - ctx.windows.licenceCheckDays);
  const last = service.cancelledAt !== null ? Math.min(ctx.asOfDay - 1, dayOf(service.cancelledAt) + 3) : ctx.asOfDay - 1;
  const version = `${2 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}.${Math.floor(random() * 20)}`;
  for (let day = first; day <= last; day += 1) {
    if (!chance(random, ratios.licenceCheckDailyShare)) continue;
    const at = dayStart(day) + Math.floor(random() * DAY);
    const misuse = chance(random, 0.02);
    const result: LicenceCheckResult = service.cancelledAt !== null && at >= service.cancelledAt ? 'cancelled'
      : service.suspendedAt !== null && at >= service.suspendedAt ? 'suspended'
      : misuse ? 'not_licensed' : 'valid';
    checks.push({ at, result, matched: !misuse, version });
  }
  return checks;
}
