import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ContactRole, DomainContactsTable, DomainOrdersTable, DomainsTable, DomainStatus, DomainTldsTable, OrderKind, OrderStatus } from './domains.tables.js';

type Db = Kysely<Database> | Transaction<Database>;
export type DomainRow = Selectable<DomainsTable>;
export type ContactRow = Selectable<DomainContactsTable>;
export type OrderRow = Selectable<DomainOrdersTable>;
export type TldRow = Selectable<DomainTldsTable>;

export async function listTlds(db: Db): Promise<TldRow[]> {
  return db.selectFrom('domain_tlds').selectAll().orderBy('position').execute();
}

export async function findTld(db: Db, tld: string): Promise<TldRow | undefined> {
  return db.selectFrom('domain_tlds').selectAll().where('tld', '=', tld).executeTakeFirst();
}

/** Statuses that no longer hold the name: a failed or cancelled (unpaid) order frees it again. */
export const releasedStatuses = ['failed', 'cancelled'] as const satisfies readonly DomainStatus[];

/** Whether a live (not failed or cancelled) holding of the name exists here, in any account. */
export async function isHeldHere(db: Db, fqdn: string): Promise<boolean> {
  const row = await db.selectFrom('domains').select('id').where('fqdn', '=', fqdn).where('status', 'not in', releasedStatuses).executeTakeFirst();
  return row !== undefined;
}

export async function insertDomain(trx: Transaction<Database>, row: Insertable<DomainsTable>): Promise<string> {
  return (await trx.insertInto('domains').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A domain of this account, or undefined (another account's domain is indistinguishable from none). */
export async function findAccountDomain(db: Db, accountId: string, domainId: string): Promise<DomainRow | undefined> {
  return db.selectFrom('domains').selectAll().where('id', '=', domainId).where('account_id', '=', accountId).executeTakeFirst();
}

export async function findDomain(db: Db, domainId: string): Promise<DomainRow | undefined> {
  return db.selectFrom('domains').selectAll().where('id', '=', domainId).executeTakeFirst();
}

/** Locks the domain row for a state change, so a job and a request cannot both move it. */
export async function lockDomain(trx: Transaction<Database>, domainId: string): Promise<DomainRow | undefined> {
  return trx.selectFrom('domains').selectAll().where('id', '=', domainId).forUpdate().executeTakeFirst();
}

export async function listAccountDomains(db: Db, accountId: string): Promise<DomainRow[]> {
  return db.selectFrom('domains').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('fqdn').execute();
}

export async function listAllDomains(db: Db, filter: { status?: DomainStatus; limit: number }): Promise<Array<DomainRow & { pending_documents: number }>> {
  let query = db
    .selectFrom('domains')
    .selectAll('domains')
    .select((eb) => eb.selectFrom('domain_documents').select((e) => e.fn.countAll<number>().as('n')).whereRef('domain_documents.domain_id', '=', 'domains.id').where('domain_documents.status', '=', 'pending').as('pending_documents'))
    .orderBy('domains.created_at', 'desc')
    .limit(filter.limit);
  if (filter.status) query = query.where('domains.status', '=', filter.status);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, pending_documents: Number(row.pending_documents ?? 0) }));
}

export async function updateDomain(trx: Transaction<Database>, domainId: string, changes: Updateable<DomainsTable>, now: Date): Promise<void> {
  await trx.updateTable('domains').set({ ...changes, updated_at: now }).where('id', '=', domainId).execute();
}

export async function insertContact(trx: Transaction<Database>, row: Insertable<DomainContactsTable>): Promise<void> {
  await trx.insertInto('domain_contacts').values(row).execute();
}

export async function listContacts(db: Db, domainId: string): Promise<ContactRow[]> {
  return db.selectFrom('domain_contacts').selectAll().where('domain_id', '=', domainId).execute();
}

export async function findContact(db: Db, domainId: string, role: ContactRole): Promise<ContactRow | undefined> {
  return db.selectFrom('domain_contacts').selectAll().where('domain_id', '=', domainId).where('role', '=', role).executeTakeFirst();
}

export async function deleteContact(trx: Transaction<Database>, contactId: string): Promise<void> {
  await trx.deleteFrom('domain_contacts').where('id', '=', contactId).execute();
}

export async function markContactSynced(trx: Transaction<Database>, contactId: string, at: Date): Promise<void> {
  await trx.updateTable('domain_contacts').set({ registry_synced_at: at }).where('id', '=', contactId).execute();
}

export async function insertOrder(trx: Transaction<Database>, row: { domainId: string; kind: OrderKind; years: number; invoiceId: string }): Promise<string> {
  const inserted = await trx
    .insertInto('domain_orders')
    .values({ domain_id: row.domainId, kind: row.kind, years: row.years, invoice_id: row.invoiceId, status: 'awaiting_payment' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function lockOrderByInvoice(trx: Transaction<Database>, domainId: string, invoiceId: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('domain_orders').selectAll().where('domain_id', '=', domainId).where('invoice_id', '=', invoiceId).forUpdate().executeTakeFirst();
}

export async function lockOrder(trx: Transaction<Database>, orderId: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('domain_orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
}

export async function findOrder(db: Db, orderId: string): Promise<OrderRow | undefined> {
  return db.selectFrom('domain_orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}

export async function listOrders(db: Db, domainId: string): Promise<OrderRow[]> {
  return db.selectFrom('domain_orders').selectAll().where('domain_id', '=', domainId).orderBy('created_at', 'desc').execute();
}

/** The order waiting for its identity check: paid, for a registration or transfer, not yet sent. */
export async function findPaidOrderAwaitingIdentity(trx: Transaction<Database>, domainId: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('domain_orders').selectAll().where('domain_id', '=', domainId).where('status', '=', 'paid').where('kind', 'in', ['register', 'transfer']).forUpdate().executeTakeFirst();
}

export async function hasOpenOrder(db: Db, domainId: string, kind: OrderKind): Promise<boolean> {
  const row = await db.selectFrom('domain_orders').select('id').where('domain_id', '=', domainId).where('kind', '=', kind).where('status', 'in', ['awaiting_payment', 'paid', 'submitted']).executeTakeFirst();
  return row !== undefined;
}

/** The order of this domain still waiting for payment, if any. */
export async function findUnpaidOrder(db: Db, domainId: string): Promise<OrderRow | undefined> {
  return db.selectFrom('domain_orders').selectAll().where('domain_id', '=', domainId).where('status', '=', 'awaiting_payment').orderBy('created_at', 'desc').executeTakeFirst();
}

/** Registrations and transfers of the account still waiting for payment (each reserves a name). */
export async function countUnpaidNameOrders(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('domain_orders')
    .innerJoin('domains', 'domains.id', 'domain_orders.domain_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('domains.account_id', '=', accountId)
    .where('domain_orders.status', '=', 'awaiting_payment')
    .where('domain_orders.kind', 'in', ['register', 'transfer'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function updateOrder(trx: Transaction<Database>, orderId: string, changes: { status: OrderStatus } & Updateable<DomainOrdersTable>): Promise<void> {
  await trx.updateTable('domain_orders').set(changes).where('id', '=', orderId).execute();
}

/** A replaced non-customer contact is no longer anyone we hold data about. */
export async function markSubjectErased(trx: Transaction<Database>, subjectId: string, at: Date): Promise<void> {
  await trx.updateTable('subjects').set({ erased_at: at }).where('id', '=', subjectId).where('kind', '=', 'contact').execute();
}
