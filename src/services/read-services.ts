import type { AppDeps } from '../http/app-deps.js';
import { AppError } from '../errors/app-error.js';
import { licenceKeyField } from './provision-service.js';
import {
  findLicenceOfService, findServiceOfAccount, findServiceWithPlan, listActivePlans, listServicesForConsole, listServicesOfAccount, recentLicenceChecks,
  type LicenceCheckRow, type PlanRow, type ServiceWithPlan,
} from './services.store.js';
import type { LicenceCheckResult, PlanKind, ServiceStatus, SuspensionReason } from './services.tables.js';

export interface PlanView {
  readonly code: string;
  readonly kind: PlanKind;
  readonly name: string;
  readonly monthlyPriceCents: number;
  readonly cpuCores: number | null;
  readonly memoryGb: number | null;
  readonly storageGb: number | null;
  readonly websites: number | null;
  readonly hostedAccounts: number | null;
}

export interface ServiceView {
  readonly id: string;
  readonly accountId: string;
  readonly plan: { readonly code: string; readonly kind: PlanKind; readonly name: string; readonly monthlyPriceCents: number };
  readonly status: ServiceStatus;
  readonly hostname: string | null;
  readonly serverIp: string | null;
  readonly serverIpv6: string | null;
  readonly invoiceId: string | null;
  readonly failureReason: string | null;
  readonly suspensionReason: SuspensionReason | null;
  readonly orderedAt: Date;
  readonly activatedAt: Date | null;
  readonly periodEndsAt: Date | null;
  readonly suspendedAt: Date | null;
  readonly cancelAt: Date | null;
  readonly cancelledAt: Date | null;
}

export interface LicenceCheckView {
  readonly checkedAt: Date;
  readonly callerNetwork: string | null;
  readonly serverIpMatched: boolean;
  readonly version: string;
  readonly result: LicenceCheckResult;
}

export interface LicenceView {
  readonly licenceId: string;
  readonly boundIp: string;
  readonly issuedAt: Date;
  /** Only in the holder's own view; staff never see it. */
  readonly key: string | null;
  readonly recentChecks: readonly LicenceCheckView[];
}

export interface ServiceDetail {
  readonly service: ServiceView;
  readonly licence: LicenceView | null;
}

const recentChecksShown = 20;

export function planView(plan: PlanRow): PlanView {
  return {
    code: plan.code, kind: plan.kind, name: plan.name, monthlyPriceCents: plan.monthly_price_cents,
    cpuCores: plan.cpu_cores, memoryGb: plan.memory_gb, storageGb: plan.storage_gb, websites: plan.websites, hostedAccounts: plan.hosted_accounts,
  };
}

export function serviceView(row: ServiceWithPlan): ServiceView {
  return {
    id: row.id, accountId: row.account_id,
    plan: { code: row.plan.code, kind: row.plan.kind, name: row.plan.name, monthlyPriceCents: row.plan.monthly_price_cents },
    status: row.status, hostname: row.hostname, serverIp: row.server_ip, serverIpv6: row.server_ipv6, invoiceId: row.invoice_id,
    failureReason: row.failure_reason, suspensionReason: row.suspension_reason,
    orderedAt: row.ordered_at, activatedAt: row.activated_at, periodEndsAt: row.period_ends_at, suspendedAt: row.suspended_at, cancelAt: row.cancel_at, cancelledAt: row.cancelled_at,
  };
}

function checkView(row: LicenceCheckRow): LicenceCheckView {
  return { checkedAt: row.checked_at, callerNetwork: row.caller_ip_truncated, serverIpMatched: row.server_ip_matched, version: row.software_version, result: row.result };
}

export async function listPlans(deps: Pick<AppDeps, 'db'>): Promise<PlanView[]> {
  return (await listActivePlans(deps.db)).map(planView);
}

export async function listServices(deps: Pick<AppDeps, 'db'>, scope: { readonly accountId: string }): Promise<ServiceView[]> {
  return (await listServicesOfAccount(deps.db, scope.accountId)).map(serviceView);
}

/** One service of the account in scope with its licence (key opened with the holder's key); another account's is not found. */
export async function readService(deps: Pick<AppDeps, 'db' | 'keyring'>, scope: { readonly accountId: string }, serviceId: string): Promise<ServiceDetail> {
  const row = await findServiceOfAccount(deps.db, scope.accountId, serviceId);
  if (!row) throw new AppError('NOT_FOUND', 'No such service in this account');
  return { service: serviceView(row), licence: await licenceOf(deps, row, true) };
}

/** The console's view: the same facts without the licence key. */
export async function readServiceForStaff(deps: Pick<AppDeps, 'db' | 'keyring'>, serviceId: string): Promise<ServiceDetail> {
  const row = await findServiceWithPlan(deps.db, serviceId);
  if (!row) throw new AppError('NOT_FOUND', 'No such service');
  return { service: serviceView(row), licence: await licenceOf(deps, row, false) };
}

export async function listServicesForStaff(deps: Pick<AppDeps, 'db'>, filter: { status?: ServiceStatus; page: number }): Promise<{ services: ServiceView[]; hasMore: boolean }> {
  const pageSize = 50;
  const rows = await listServicesForConsole(deps.db, { status: filter.status, limit: pageSize + 1, offset: (filter.page - 1) * pageSize });
  return { services: rows.slice(0, pageSize).map(serviceView), hasMore: rows.length > pageSize };
}

async function licenceOf(deps: Pick<AppDeps, 'db' | 'keyring'>, service: ServiceWithPlan, withKey: boolean): Promise<LicenceView | null> {
  if (service.plan.kind !== 'panel_licence') return null;
  const licence = await findLicenceOfService(deps.db, service.id);
  if (!licence) return null;
  const key = withKey ? (await deps.keyring.forSubject(deps.db, licence.subject_id)).decrypt(licence.key_enc, licenceKeyField) : null;
  const checks = await recentLicenceChecks(deps.db, licence.id, recentChecksShown);
  return { licenceId: licence.public_id, boundIp: licence.bound_ip, issuedAt: licence.issued_at, key, recentChecks: checks.map(checkView) };
}
