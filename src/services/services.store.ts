import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { LicenceChecksTable, LicencesTable, ServicePlansTable, ServiceStatus, ServicesTable } from './services.tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export type PlanRow = Selectable<ServicePlansTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type LicenceRow = Selectable<LicencesTable>;
export type LicenceCheckRow = Selectable<LicenceChecksTable>;
export type ServiceWithPlan = ServiceRow & { readonly plan: Pick<PlanRow, 'code' | 'kind' | 'name' | 'monthly_price_cents'> };

/** Plans offered for new orders, in catalogue order. */
export async function listActivePlans(db: Db): Promise<PlanRow[]> {
  return db.selectFrom('service_plans').selectAll().where('active', '=', true).orderBy('sort_order').orderBy('code').execute();
}

export async function findActivePlanByCode(db: Db, code: string): Promise<PlanRow | undefined> {
  return db.selectFrom('service_plans').selectAll().where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

export async function insertService(trx: Transaction<Database>, row: Pick<Insertable<ServicesTable>, 'account_id' | 'subject_id' | 'plan_id' | 'hostname' | 'server_ip'>): Promise<ServiceRow> {
  return trx.insertInto('services').values(row).returningAll().executeTakeFirstOrThrow();
}

function servicesWithPlans(db: Db) {
  return db.selectFrom('services')
    .innerJoin('service_plans', 'service_plans.id', 'services.plan_id')
    .selectAll('services')
    .select(['service_plans.code as plan_code', 'service_plans.kind as plan_kind', 'service_plans.name as plan_name', 'service_plans.monthly_price_cents as plan_price']);
}

type JoinedRow = ServiceRow & { plan_code: string; plan_kind: PlanRow['kind']; plan_name: string; plan_price: number };

function withPlan(row: JoinedRow): ServiceWithPlan {
  const { plan_code, plan_kind, plan_name, plan_price, ...service } = row;
  return { ...service, plan: { code: plan_code, kind: plan_kind, name: plan_name, monthly_price_cents: plan_price } };
}

/** An account's services, newest order first; never another account's. */
export async function listServicesOfAccount(db: Db, accountId: string): Promise<ServiceWithPlan[]> {
  const rows = await servicesWithPlans(db).where('services.account_id', '=', accountId).orderBy('services.ordered_at', 'desc').orderBy('services.id').limit(200).execute();
  return rows.map(withPlan);
}

/** One service, only when it belongs to the account. */
export async function findServiceOfAccount(db: Db, accountId: string, serviceId: string): Promise<ServiceWithPlan | undefined> {
  const row = await servicesWithPlans(db).where('services.id', '=', serviceId).where('services.account_id', '=', accountId).executeTakeFirst();
  return row ? withPlan(row) : undefined;
}

export async function findServiceWithPlan(db: Db, serviceId: string): Promise<ServiceWithPlan | undefined> {
  const row = await servicesWithPlans(db).where('services.id', '=', serviceId).executeTakeFirst();
  return row ? withPlan(row) : undefined;
}

/** For the console: newest first, optionally one status only. */
export async function listServicesForConsole(db: Db, filter: { status?: ServiceStatus; limit: number; offset: number }): Promise<ServiceWithPlan[]> {
  let query = servicesWithPlans(db);
  if (filter.status) query = query.where('services.status', '=', filter.status);
  const rows = await query.orderBy('services.ordered_at', 'desc').orderBy('services.id').limit(filter.limit).offset(filter.offset).execute();
  return rows.map(withPlan);
}

/** Locks the service row for a state change in the caller's transaction. */
export async function lockService(trx: Transaction<Database>, serviceId: string): Promise<ServiceWithPlan | undefined> {
  const row = await servicesWithPlans(trx).where('services.id', '=', serviceId).forUpdate('services').executeTakeFirst();
  return row ? withPlan(row) : undefined;
}

/**
 * Changes a service only while it is still in one of the expected states (another process may
 * have moved it on); returns whether it changed.
 */
export async function updateServiceIf(trx: Transaction<Database>, serviceId: string, expected: readonly ServiceStatus[], changes: Updateable<ServicesTable>, extra: { operationId?: string } = {}): Promise<boolean> {
  let query = trx.updateTable('services').set({ ...changes, updated_at: sql`now()` }).where('id', '=', serviceId).where('status', 'in', [...expected]);
  if (extra.operationId !== undefined) query = query.where('operation_id', '=', extra.operationId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One licence per service; a repeated insert (a retried job) keeps the first. */
export async function insertLicence(trx: Transaction<Database>, row: Insertable<LicencesTable>): Promise<void> {
  await trx.insertInto('licences').values(row).onConflict((oc) => oc.column('service_id').doNothing()).execute();
}

export async function findLicenceOfService(db: Db, serviceId: string): Promise<LicenceRow | undefined> {
  return db.selectFrom('licences').selectAll().where('service_id', '=', serviceId).executeTakeFirst();
}

/** The licence with the contract state the check depends on. */
export async function findLicenceForCheck(db: Db, publicId: string): Promise<(LicenceRow & { status: ServiceStatus }) | undefined> {
  return db.selectFrom('licences').innerJoin('services', 'services.id', 'licences.service_id').selectAll('licences').select('services.status').where('licences.public_id', '=', publicId).executeTakeFirst();
}

export async function insertLicenceCheck(db: Db, row: Insertable<LicenceChecksTable>): Promise<void> {
  await db.insertInto('licence_checks').values(row).execute();
}

export async function recentLicenceChecks(db: Db, licenceId: string, limit: number): Promise<LicenceCheckRow[]> {
  return db.selectFrom('licence_checks').selectAll().where('licence_id', '=', licenceId).orderBy('checked_at', 'desc').orderBy('id').limit(limit).execute();
}
