import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext, type RequestContext } from '../context/request-context.js';
import type { BackgroundDeps } from '../jobs/start-background-work.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { creditUndeliveredItem } from '../billing/credit-undelivered-item.js';
import { openContact, toRegistrarContact } from './domain-contacts.js';
import { findDomain, findOrder, findTld, listContacts, lockDomain, lockOrder, lockOrderByInvoice, markContactSynced, updateDomain, updateOrder, type OrderRow } from './domains.store.js';
import { sealedDomainFields, type ContactRole } from './domains.tables.js';
import type { RegistrarContacts, RegistrarOperation } from './registrar.adapter.js';

export const domainJobKinds = {
  submit: 'domains.submit',
  poll: 'domains.poll',
  expiry: 'domains.expiry',
  pushContact: 'domains.push_contact',
} as const;

export type DomainJobDeps = Pick<BackgroundDeps, 'db' | 'keyring' | 'now' | 'adapters' | 'logger'>;

const jobContext = () => systemContext('dpv:ServiceProvision');

/**
 * The invoice for an order is paid. Registrations and transfers under a TLD that needs an identity
 * document wait for staff approval (pending_documents); everything else goes to the registry.
 * Repeated payment notices change nothing.
 */
export async function fulfilDomainOrder(deps: DomainJobDeps, payment: { itemId: string; invoiceId: string }): Promise<void> {
  await inTransaction(deps.db, jobContext(), async (ctx) => {
    const order = await lockOrderByInvoice(ctx.trx, payment.itemId, payment.invoiceId);
    if (!order) throw new Error(`No domain order for domain ${payment.itemId} and invoice ${payment.invoiceId}`);
    if (order.status !== 'awaiting_payment') return;
    const domain = await lockDomain(ctx.trx, order.domain_id);
    if (!domain) throw new Error(`Domain ${order.domain_id} vanished`);
    const now = deps.now();
    await updateOrder(ctx.trx, order.id, { status: 'paid', paid_at: now });
    let waitingForDocument = false;
    if (order.kind !== 'renew') {
      const tld = await findTld(ctx.trx, domain.tld);
      waitingForDocument = Boolean(tld?.requires_identity_document) && domain.identity_verified_at === null;
      await updateDomain(ctx.trx, domain.id, { status: waitingForDocument ? 'pending_documents' : order.kind === 'register' ? 'registering' : 'transfer_pending' }, now);
    }
    if (!waitingForDocument) await enqueueSubmit(ctx, order.id);
    await recordAuditEvent(ctx, { action: 'domains.order_paid', subjectId: domain.subject_id, details: { domainId: domain.id, orderId: order.id, invoiceId: order.invoice_id, kind: order.kind, waitingForDocument } });
  });
}

export async function enqueueSubmit(ctx: RequestContext, orderId: string): Promise<void> {
  await enqueueJob(ctx.trx, { kind: domainJobKinds.submit, payload: { orderId }, dedupeKey: `${domainJobKinds.submit}:${orderId}` });
}

/** Sends a paid order to the registry. The order id is the request id, so a repeat cannot act twice. */
export async function submitDomainOrder(deps: DomainJobDeps, orderId: string): Promise<void> {
  const order = await findOrder(deps.db, orderId);
  if (!order || order.status !== 'paid') return;
  const domain = await findDomain(deps.db, order.domain_id);
  if (!domain) return;
  const registrar = deps.adapters.registrar;
  const call = { requestId: order.id, at: deps.now() };
  let operation: RegistrarOperation;
  if (order.kind === 'register') {
    operation = await registrar.register({ fqdn: domain.fqdn, years: order.years, contacts: await registrarContacts(deps, domain.id), publishContactData: domain.publish_contact_data }, call);
  } else if (order.kind === 'transfer') {
    const authCode = domain.transfer_auth_code_enc ? (await deps.keyring.forSubject(deps.db, domain.subject_id)).decrypt(domain.transfer_auth_code_enc, sealedDomainFields.authCode) : '';
    operation = await registrar.transfer({ fqdn: domain.fqdn, authCode, contacts: await registrarContacts(deps, domain.id) }, call);
  } else {
    if (!domain.expires_at) throw new Error(`Domain ${domain.id} has no expiry to renew from`);
    operation = await registrar.renew({ fqdn: domain.fqdn, years: order.years, currentExpiry: domain.expires_at }, call);
  }
  await inTransaction(deps.db, jobContext(), async (ctx) => {
    const locked = await lockOrder(ctx.trx, orderId);
    if (locked?.status !== 'paid') return;
    await updateOrder(ctx.trx, locked.id, { status: 'submitted', submitted_at: deps.now(), registry_operation: operation.operationId });
    await applyOperation(deps, ctx, { ...locked, status: 'submitted', submitted_at: deps.now() }, operation);
  });
}

/** Asks the registry about a submitted order; pending operations are asked about again later. */
export async function pollDomainOrder(deps: DomainJobDeps, orderId: string): Promise<void> {
  const order = await findOrder(deps.db, orderId);
  if (!order || order.status !== 'submitted' || !order.registry_operation) return;
  const operation = await deps.adapters.registrar.operationStatus(order.registry_operation, { requestId: order.id, at: deps.now() });
  await inTransaction(deps.db, jobContext(), async (ctx) => {
    const locked = await lockOrder(ctx.trx, orderId);
    if (locked?.status !== 'submitted') return;
    await applyOperation(deps, ctx, locked, operation);
  });
}

async function applyOperation(deps: DomainJobDeps, ctx: RequestContext, order: OrderRow, operation: RegistrarOperation): Promise<void> {
  if (operation.status === 'pending') {
    await enqueueJob(ctx.trx, { kind: domainJobKinds.poll, payload: { orderId: order.id }, runAt: operation.checkAfter, dedupeKey: `${domainJobKinds.poll}:${order.id}:${operation.checkAfter.getTime()}` });
    return;
  }
  const domain = await lockDomain(ctx.trx, order.domain_id);
  if (!domain) return;
  const now = deps.now();
  if (operation.status === 'failed') {
    await updateOrder(ctx.trx, order.id, { status: 'failed', failure_reason: operation.reason, finished_at: now });
    if (order.kind !== 'renew') await updateDomain(ctx.trx, domain.id, { status: 'failed', transfer_auth_code_enc: null }, now);
    // Paid but refused by the registry: credit the order's line in full, which refunds the payment.
    await creditUndeliveredItem(deps, ctx, { invoiceId: order.invoice_id, kind: 'domain', itemId: order.domain_id, reason: `Domain order refused by the registry (order ${order.id.slice(0, 8)})` });
    await recordAuditEvent(ctx, { action: 'domains.order_failed', subjectId: domain.subject_id, details: { domainId: domain.id, orderId: order.id, kind: order.kind, reason: operation.reason } });
    deps.logger.warn({ domainId: domain.id, orderId: order.id, reason: operation.reason }, 'registry refused a domain order');
    return;
  }
  const expiresAt = operation.expiresAt ?? domain.expires_at;
  await updateOrder(ctx.trx, order.id, { status: 'completed', finished_at: now });
  await updateDomain(ctx.trx, domain.id, {
    status: 'active',
    expires_at: expiresAt,
    ...(order.kind === 'renew' ? {} : { registered_at: now, transfer_auth_code_enc: null }),
  }, now);
  if (order.kind !== 'renew') await settleContacts(ctx, domain.id, order.submitted_at ?? now, now);
  if (expiresAt) await enqueueJob(ctx.trx, { kind: domainJobKinds.expiry, payload: { domainId: domain.id }, runAt: expiresAt, dedupeKey: `${domainJobKinds.expiry}:${domain.id}:${expiresAt.getTime()}` });
  await recordAuditEvent(ctx, { action: 'domains.order_completed', subjectId: domain.subject_id, details: { domainId: domain.id, orderId: order.id, kind: order.kind, expiresAt: expiresAt?.toISOString() ?? null } });
}

/** Contacts sent with the order are now at the registry; one changed since goes there on its own. */
async function settleContacts(ctx: RequestContext, domainId: string, submittedAt: Date, now: Date): Promise<void> {
  for (const contact of await listContacts(ctx.trx, domainId)) {
    if (contact.updated_at.getTime() > submittedAt.getTime()) await enqueuePushContact(ctx, domainId, contact.role, now);
    else await markContactSynced(ctx.trx, contact.id, now);
  }
}

export async function enqueuePushContact(ctx: RequestContext, domainId: string, role: ContactRole, now: Date): Promise<void> {
  await enqueueJob(ctx.trx, { kind: domainJobKinds.pushContact, payload: { domainId, role }, dedupeKey: `${domainJobKinds.pushContact}:${domainId}:${role}:${now.getTime()}` });
}

async function registrarContacts(deps: Pick<DomainJobDeps, 'db' | 'keyring'>, domainId: string): Promise<RegistrarContacts> {
  const byRole = new Map<ContactRole, ReturnType<typeof toRegistrarContact>>();
  for (const row of await listContacts(deps.db, domainId)) byRole.set(row.role, toRegistrarContact(openContact(await deps.keyring.forSubject(deps.db, row.subject_id), row)));
  const get = (role: ContactRole) => {
    const contact = byRole.get(role);
    if (!contact) throw new Error(`Domain ${domainId} lacks its ${role} contact`);
    return contact;
  };
  return { registrant: get('registrant'), admin: get('admin'), tech: get('tech'), billing: get('billing') };
}

/** A domain whose expiry passed without a renewal becomes expired; a renewed one waits for its new date. */
export async function expireDomain(deps: DomainJobDeps, domainId: string): Promise<void> {
  await inTransaction(deps.db, jobContext(), async (ctx) => {
    const domain = await lockDomain(ctx.trx, domainId);
    if (!domain || domain.status !== 'active' || !domain.expires_at || domain.expires_at.getTime() > deps.now().getTime()) return;
    await updateDomain(ctx.trx, domain.id, { status: 'expired' }, deps.now());
    await recordAuditEvent(ctx, { action: 'domains.expired', subjectId: domain.subject_id, details: { domainId: domain.id } });
  });
}
