import { recordAuditEvent } from '../audit/record-audit-event.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, systemContext, type RequestContext } from '../context/request-context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { BackgroundDeps } from '../jobs/start-background-work.js';
import type { JobContext } from '../jobs/start-worker.js';
import { notifyCustomer } from './notify-customer.js';
import type { ProvisioningOperation, ResourceKind } from './provisioning.adapter.js';
import { findServiceWithPlan, insertLicence, lockService, updateServiceIf, type ServiceWithPlan } from './services.store.js';

export type ProvisioningDeps = Pick<BackgroundDeps, 'db' | 'keyring' | 'logger' | 'adapters' | 'config'>;

/** Polls a pending provisioning operation; payload { serviceId, operationId }. */
export const provisioningPollKind = 'services.poll_provisioning';

/** Plans are billed by the month; a paid order runs one term from activation. */
export const servicePeriod = 'P1M';

export const licenceKeyField = 'licences.key_enc';

const provisioningContext = () => systemContext('dpv:ServiceProvision');

/**
 * The invoice for an order was paid (payload { itemId, invoiceId } from billing): set the service
 * up. Runs at least once: anything but an 'ordered' service with that invoice is left alone, and
 * the adapter treats a repeated request for the same service as the same order.
 */
export async function fulfilServiceOrder(deps: ProvisioningDeps, job: Pick<JobContext, 'id' | 'payload' | 'now'>): Promise<void> {
  const serviceId = String(job.payload.itemId);
  const service = await findServiceWithPlan(deps.db, serviceId);
  if (!service || service.invoice_id !== String(job.payload.invoiceId)) {
    deps.logger.warn({ serviceId, invoiceId: job.payload.invoiceId }, 'fulfil job for a service that does not exist or has another invoice; nothing to do');
    return;
  }
  if (service.status !== 'ordered') return;
  if (service.plan.kind === 'panel_licence') {
    await issueServiceLicence(deps, service, job.now);
    return;
  }
  const operation = await deps.adapters.provisioning.provision({ serviceId, kind: service.plan.kind as ResourceKind, planCode: service.plan.code, hostname: service.hostname ?? '' });
  await inTransaction(deps.db, provisioningContext(), async (ctx) => {
    const started = await updateServiceIf(ctx.trx, serviceId, ['ordered'], { status: 'provisioning', operation_id: operation.state === 'pending' ? operation.operationId : null });
    if (!started) return;
    await recordAuditEvent(ctx, { action: 'service.provisioning_started', subjectId: service.subject_id, details: { serviceId, invoiceId: service.invoice_id, adapter: deps.adapters.provisioning.name } });
    await applyOperation(ctx, deps, service, operation, job);
  });
}

/** A follow-up poll; stale polls (the service moved on, or another operation is current) do nothing. */
export async function pollProvisioning(deps: ProvisioningDeps, job: Pick<JobContext, 'id' | 'payload' | 'now'>): Promise<void> {
  const serviceId = String(job.payload.serviceId);
  const operationId = String(job.payload.operationId);
  const current = await findServiceWithPlan(deps.db, serviceId);
  if (!current || current.status !== 'provisioning' || current.operation_id !== operationId) return;
  const operation = await deps.adapters.provisioning.operation(operationId);
  await inTransaction(deps.db, provisioningContext(), async (ctx) => {
    const service = await lockService(ctx.trx, serviceId);
    if (!service || service.status !== 'provisioning' || service.operation_id !== operationId) return;
    await applyOperation(ctx, deps, service, operation, job);
  });
}

async function applyOperation(ctx: RequestContext, deps: ProvisioningDeps, service: ServiceWithPlan, operation: ProvisioningOperation, job: Pick<JobContext, 'id' | 'now'>): Promise<void> {
  if (operation.state === 'pending') {
    await updateServiceIf(ctx.trx, service.id, ['provisioning'], { operation_id: operation.operationId });
    // One successor per poll job, even if this job runs twice.
    await enqueueJob(ctx.trx, { kind: provisioningPollKind, payload: { serviceId: service.id, operationId: operation.operationId }, runAt: new Date(job.now.getTime() + operation.checkAfterMs), dedupeKey: `${provisioningPollKind}:${job.id}` });
    return;
  }
  if (operation.state === 'failed') {
    await updateServiceIf(ctx.trx, service.id, ['provisioning'], { status: 'failed', failure_reason: operation.reason.slice(0, 100), operation_id: null });
    await recordAuditEvent(ctx, { action: 'service.provisioning_failed', subjectId: service.subject_id, details: { serviceId: service.id, reason: operation.reason.slice(0, 100) } });
    await notifyCustomer(ctx, deps, service, { kind: 'failed' });
    return;
  }
  const { resource } = operation;
  await updateServiceIf(ctx.trx, service.id, ['provisioning'], {
    status: 'active', external_id: resource.externalId, server_ip: resource.ipv4, server_ipv6: resource.ipv6, operation_id: null,
    activated_at: job.now, period_ends_at: addDuration(job.now, servicePeriod),
  });
  await recordAuditEvent(ctx, { action: 'service.activated', subjectId: service.subject_id, details: { serviceId: service.id } });
}

/** Licences are issued at once by the vendor's licence server and bound to the server IP ordered. */
async function issueServiceLicence(deps: ProvisioningDeps, service: ServiceWithPlan, now: Date): Promise<void> {
  const serverIp = service.server_ip;
  if (!serverIp) throw new Error(`Licence service ${service.id} has no server IP`);
  const issued = await deps.adapters.provisioning.issueLicence({ serviceId: service.id, planCode: service.plan.code, serverIp });
  await inTransaction(deps.db, provisioningContext(), async (ctx) => {
    const locked = await lockService(ctx.trx, service.id);
    if (!locked || locked.status !== 'ordered') return;
    if (issued.state === 'failed') {
      await updateServiceIf(ctx.trx, service.id, ['ordered'], { status: 'failed', failure_reason: issued.reason.slice(0, 100) });
      await recordAuditEvent(ctx, { action: 'service.provisioning_failed', subjectId: service.subject_id, details: { serviceId: service.id, reason: issued.reason.slice(0, 100) } });
      await notifyCustomer(ctx, deps, service, { kind: 'failed' });
      return;
    }
    const cipher = await deps.keyring.forSubject(ctx.trx, service.subject_id);
    await insertLicence(ctx.trx, { service_id: service.id, subject_id: service.subject_id, public_id: issued.licenceId, key_enc: cipher.encrypt(issued.key, licenceKeyField), bound_ip: serverIp, issued_at: now });
    await updateServiceIf(ctx.trx, service.id, ['ordered'], { status: 'active', external_id: issued.licenceId, activated_at: now, period_ends_at: addDuration(now, servicePeriod) });
    await recordAuditEvent(ctx, { action: 'service.activated', subjectId: service.subject_id, details: { serviceId: service.id, licence: true } });
  });
}
