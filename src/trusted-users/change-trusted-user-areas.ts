import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AccountArea } from './account-areas.js';
import { GrantRefused } from './grant-refused.js';
import type { AccountRef } from './invite-trusted-user.js';
import { findGrantOfAccount, updateGrantAreas } from './trusted-users.store.js';

/**
 * The owner changes which areas a trusted user (or a pending invitation) covers; it applies from
 * the person's next request. Another account's grant is not found.
 */
export async function changeTrustedUserAreas(deps: AppDeps, base: ContextWithoutTransaction, owner: AccountRef, grantId: string, areas: readonly AccountArea[]): Promise<void> {
  const chosen = [...new Set(areas)];
  await inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const grant = await findGrantOfAccount(ctx.trx, owner.accountId, grantId);
    if (!grant) throw new AppError('NOT_FOUND', 'No such trusted user on your account');
    if (!(await updateGrantAreas(ctx.trx, grant.id, chosen, deps.now()))) throw new GrantRefused('ended');
    await recordAuditEvent(ctx, { action: 'trusted_users.areas_changed', subjectId: owner.subjectId, details: { grantId, accountId: owner.accountId, areas: chosen, previousAreas: grant.areas } });
  });
}
