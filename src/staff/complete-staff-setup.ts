import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { consumeOneTimeToken } from '../auth/one-time-tokens.js';
import { revokeAllSessions } from '../auth/sessions.store.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { hashNewPassword } from './create-staff-member.js';
import { findStaffMemberForUpdate, setStaffPassword } from './staff.store.js';

/** Sets a staff member's password from their emailed setup link; the link works once. */
export async function completeStaffSetup(deps: AppDeps, base: ContextWithoutTransaction, input: { token: string; password: string }): Promise<{ staffId: string }> {
  const passwordHash = (await hashNewPassword(input.password))!;
  return inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const principal = await consumeOneTimeToken(ctx.trx, input.token, 'staff_setup', deps.now());
    if (!principal || principal.kind !== 'staff') throw new AppError('TOKEN_INVALID');
    const member = await findStaffMemberForUpdate(ctx.trx, principal.id);
    if (!member || member.status !== 'active') throw new AppError('TOKEN_INVALID');
    await setStaffPassword(ctx.trx, member.id, passwordHash, deps.now());
    await revokeAllSessions(ctx.trx, 'staff', member.id, 'password_set');
    await recordAuditEvent({ ...ctx, actor: { type: 'staff', id: member.id } }, { action: 'staff.password_set', subjectId: member.subject_id, details: { staffId: member.id, via: 'setup_link' } });
    return { staffId: member.id };
  });
}
