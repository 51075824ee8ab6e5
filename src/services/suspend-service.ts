import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { notifyCustomer } from './notify-customer.js';
import { lockService, updateServiceIf } from './services.store.js';
import type { SuspensionReason } from './services.tables.js';

type Deps = Pick<AppDeps, 'db' | 'keyring' | 'config' | 'adapters' | 'now'>;

/**
 * Staff suspend an active service for a stated reason: the provisioning system blocks it first, so
 * a failure there changes nothing here; then the state, the audit event and the customer's message
 * and email commit together.
 */
export async function suspendService(deps: Deps, base: ContextWithoutTransaction, serviceId: string, reason: SuspensionReason): Promise<void> {
  await inTransaction(deps.db, base, async (ctx) => {
    const service = await lockService(ctx.trx, serviceId);
    if (!service) throw new AppError('NOT_FOUND', 'No such service');
    if (service.status !== 'active') throw new AppError('CONFLICT', 'Only an active service can be suspended');
    if (service.external_id) await callProvisioning(() => deps.adapters.provisioning.suspend(service.external_id!));
    await updateServiceIf(ctx.trx, service.id, ['active'], { status: 'suspended', suspended_at: deps.now(), suspension_reason: reason });
    await recordAuditEvent(ctx, { action: 'service.suspended', subjectId: service.subject_id, details: { serviceId: service.id, accountId: service.account_id, reason } });
    await notifyCustomer(ctx, deps, service, { kind: 'suspended', reason });
  });
}

/** Staff lift a suspension; the customer is told their service is available again. */
export async function unsuspendService(deps: Deps, base: ContextWithoutTransaction, serviceId: string): Promise<void> {
  await inTransaction(deps.db, base, async (ctx) => {
    const service = await lockService(ctx.trx, serviceId);
    if (!service) throw new AppError('NOT_FOUND', 'No such service');
    if (service.status !== 'suspended') throw new AppError('CONFLICT', 'Only a suspended service can be unsuspended');
    if (service.external_id) await callProvisioning(() => deps.adapters.provisioning.unsuspend(service.external_id!));
    await updateServiceIf(ctx.trx, service.id, ['suspended'], { status: 'active', suspended_at: null, suspension_reason: null });
    await recordAuditEvent(ctx, { action: 'service.unsuspended', subjectId: service.subject_id, details: { serviceId: service.id, accountId: service.account_id, previousReason: service.suspension_reason } });
    await notifyCustomer(ctx, deps, service, { kind: 'unsuspended' });
  });
}

/** An unreachable provisioning system is a temporary condition for the person clicking, not a bug. */
async function callProvisioning(call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('EXTERNAL_SYSTEM_UNAVAILABLE', 'The provisioning system did not answer; nothing was changed. Try again shortly.', { cause: error });
  }
}
