import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { openContact, toRegistrarContact, type ContactInput } from './domain-contacts.js';
import { findContact, findDomain, lockDomain, markContactSynced } from './domains.store.js';
import type { ContactRole } from './domains.tables.js';
import { domainJobKinds, enqueuePushContact, type DomainJobDeps } from './fulfil-domain-order.js';
import { removeContact, saveContact } from './save-contacts.js';

export interface ChangeTechContactInput {
  readonly accountId: string;
  readonly domainId: string;
  /** Another person's details, or null for "use the registrant's details". */
  readonly contact: ContactInput | null;
}

/**
 * Replaces the technical contact. A person replaced here is erased at once (their key shredded);
 * a domain already at the registry gets the new contact sent there by a job.
 */
export async function changeTechContact(deps: AppDeps, context: ContextWithoutTransaction, input: ChangeTechContactInput): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const domain = await lockDomain(ctx.trx, input.domainId);
    if (!domain || domain.account_id !== input.accountId) throw new AppError('NOT_FOUND', 'No such domain in this account');
    if (domain.status === 'failed') throw new AppError('CONFLICT', 'This domain order failed; its contacts can no longer be changed');
    if (domain.status === 'cancelled') throw new AppError('CONFLICT', 'This domain order was cancelled; its contacts can no longer be changed');
    const now = deps.now();
    let contact = input.contact;
    if (contact === null) {
      const registrant = await findContact(ctx.trx, domain.id, 'registrant');
      if (!registrant) throw new AppError('INTERNAL', `Domain ${domain.id} lacks its registrant`);
      contact = openContact(await deps.keyring.forSubject(ctx.trx, registrant.subject_id), registrant);
    }
    const previous = await findContact(ctx.trx, domain.id, 'tech');
    if (previous) await removeContact(ctx, deps.keyring, previous, now);
    await saveContact(ctx, deps.keyring, { domainId: domain.id, role: 'tech', customerSubjectId: domain.subject_id, contact, isAccountHolder: input.contact === null, now });
    // Before the registry knows the domain, the order carries the new contact; afterwards a job sends it.
    if (domain.registered_at !== null) await enqueuePushContact(ctx, domain.id, 'tech', now);
    await recordAuditEvent(ctx, { action: 'domains.contact_changed', subjectId: domain.subject_id, details: { domainId: domain.id, role: 'tech', sameAsRegistrant: input.contact === null, previousContactErased: previous ? !previous.is_account_holder : false } });
  });
}

/** Sends one contact to the registry (job); a contact already confirmed there is not sent again. */
export async function pushContact(deps: DomainJobDeps, domainId: string, role: ContactRole): Promise<void> {
  const domain = await findDomain(deps.db, domainId);
  const row = await findContact(deps.db, domainId, role);
  if (!domain || domain.registered_at === null || !row) return;
  if (row.registry_synced_at && row.registry_synced_at.getTime() >= row.updated_at.getTime()) return;
  const contact = toRegistrarContact(openContact(await deps.keyring.forSubject(deps.db, row.subject_id), row));
  const operation = await deps.adapters.registrar.updateContact({ fqdn: domain.fqdn, role, contact }, { requestId: `${row.id}:${row.updated_at.getTime()}`, at: deps.now() });
  await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    const current = await findContact(ctx.trx, domainId, role);
    // Replaced again meanwhile: the newer contact has its own job.
    if (current?.id !== row.id) return;
    if (operation.status === 'pending') {
      await enqueueJob(ctx.trx, { kind: domainJobKinds.pushContact, payload: { domainId, role }, runAt: operation.checkAfter, dedupeKey: `${domainJobKinds.pushContact}:${domainId}:${role}:${operation.checkAfter.getTime()}` });
      return;
    }
    if (operation.status === 'done') await markContactSynced(ctx.trx, row.id, deps.now());
    await recordAuditEvent(ctx, { action: operation.status === 'done' ? 'domains.contact_sent' : 'domains.contact_refused', subjectId: domain.subject_id, details: { domainId, role, ...(operation.status === 'failed' ? { reason: operation.reason } : {}) } });
  });
}
