import { recordAuditEvent } from '../audit/record-audit-event.js';
import { lockInvoice } from '../billing/billing.store.js';
import { creditUndeliveredItem } from '../billing/credit-undelivered-item.js';
import { issueCreditNote } from '../billing/issue-credit-note.js';
import { inTransaction, systemContext, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { JobContext } from '../jobs/start-worker.js';
import type { ProvisioningDeps } from './provision-service.js';
import { findServiceWithPlan, lockService, updateServiceIf } from './services.store.js';

/** Terminates a service whose cancellation has come due; payload { serviceId }. */
export const terminationKind = 'services.terminate';

export type CancellationOutcome = { readonly effective: 'now' } | { readonly effective: 'end_of_term'; readonly at: Date };

/**
 * The customer cancels. A running service (active or suspended) stays usable until the end of the
 * term already paid for, then is terminated by a scheduled job: nothing paid is lost and nothing is
 * charged again. An order not yet set up (still unpaid, or failed) is cancelled at once; an unpaid
 * order's invoice is cancelled with it by a credit note for what is still due (an issued invoice is a
 * tax record and is never deleted), so no reminder follows; a failed one's line is credited in full,
 * which refunds it when paid. A paid order, or a service being set up
 * right now, cannot be cancelled until it is ready.
 */
export async function cancelService(deps: Pick<AppDeps, 'db' | 'now'>, base: ContextWithoutTransaction, scope: { readonly accountId: string }, serviceId: string): Promise<CancellationOutcome> {
  return inTransaction(deps.db, base, async (ctx) => {
    const service = await lockService(ctx.trx, serviceId);
    if (!service || service.account_id !== scope.accountId) throw new AppError('NOT_FOUND', 'No such service in this account');
    const now = deps.now();
    switch (service.status) {
      case 'ordered':
      case 'failed': {
        if (service.status === 'ordered') await cancelOrderInvoice(deps, ctx, service.invoice_id, service.id);
        // Paid for but never set up: the customer gets the line credited (and refunded, if paid).
        else if (service.invoice_id) await creditUndeliveredItem(deps, ctx, { invoiceId: service.invoice_id, kind: 'service', itemId: service.id, reason: `Service could not be set up and was cancelled (service ${service.id.slice(0, 8)})` });
        await updateServiceIf(ctx.trx, service.id, [service.status], { status: 'cancelled', cancelled_at: now, operation_id: null });
        await recordAuditEvent(ctx, { action: 'service.cancelled', subjectId: service.subject_id, details: { serviceId: service.id, from: service.status, effective: 'now' } });
        return { effective: 'now' };
      }
      case 'active':
      case 'suspended': {
        if (service.cancel_at) throw new AppError('CONFLICT', 'This service is already cancelled at the end of its term');
        const at = service.period_ends_at && service.period_ends_at > now ? service.period_ends_at : now;
        await updateServiceIf(ctx.trx, service.id, [service.status], { cancel_at: at });
        await enqueueJob(ctx.trx, { kind: terminationKind, payload: { serviceId: service.id }, runAt: at, dedupeKey: `${terminationKind}:${service.id}` });
        await recordAuditEvent(ctx, { action: 'service.cancellation_scheduled', subjectId: service.subject_id, details: { serviceId: service.id, cancelAt: at.toISOString() } });
        return { effective: 'end_of_term', at };
      }
      case 'provisioning':
        throw new AppError('CONFLICT', 'This service is being set up; you can cancel it once it is ready');
      case 'cancelled':
        throw new AppError('CONFLICT', 'This service is already cancelled');
    }
  });
}

/** Locks the order's invoice (so a payment cannot settle it meanwhile) and credits what is still due. */
async function cancelOrderInvoice(deps: Pick<AppDeps, 'now'>, ctx: RequestContext, invoiceId: string | null, serviceId: string): Promise<void> {
  const invoice = invoiceId ? await lockInvoice(ctx.trx, invoiceId) : undefined;
  if (!invoice || invoice.status === 'cancelled') return;
  if (invoice.status === 'paid') throw new AppError('CONFLICT', 'This order is paid and is being set up; you can cancel it once it is ready');
  const due = invoice.gross_cents - invoice.credited_cents;
  if (due > 0) await issueCreditNote(deps, ctx, { invoiceId: invoice.id, grossCents: due, reason: `Order cancelled by the customer before it was set up (service ${serviceId.slice(0, 8)})` });
}

/**
 * The scheduled end of a cancelled service: terminate it in the provisioning system, then record it.
 * Repeats are harmless: terminating twice is a no-op there, and the state change is conditional here.
 */
export async function terminateDueService(deps: ProvisioningDeps, job: Pick<JobContext, 'payload' | 'now'>): Promise<void> {
  const serviceId = String(job.payload.serviceId);
  const service = await findServiceWithPlan(deps.db, serviceId);
  if (!service || (service.status !== 'active' && service.status !== 'suspended') || !service.cancel_at || service.cancel_at > job.now) return;
  if (service.external_id) await deps.adapters.provisioning.terminate(service.external_id);
  await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
    const changed = await updateServiceIf(ctx.trx, service.id, ['active', 'suspended'], { status: 'cancelled', cancelled_at: job.now });
    if (changed) await recordAuditEvent(ctx, { action: 'service.cancelled', subjectId: service.subject_id, details: { serviceId: service.id, from: service.status, effective: 'end_of_term' } });
  });
}
