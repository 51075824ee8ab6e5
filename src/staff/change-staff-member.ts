import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { revokeAllSessions } from '../auth/sessions.store.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findStaffMemberForUpdate, lockActiveOwnerIds, updateStaffRole, updateStaffStatus, type StaffStatus } from './staff.store.js';
import type { StaffRole } from './staff.tables.js';

export interface StaffMemberChange {
  readonly role?: StaffRole;
  readonly status?: StaffStatus;
}

/**
 * Changes a member's role and/or status. The last active owner can be neither demoted nor
 * disabled; disabling revokes every session of the member at once.
 */
export async function changeStaffMember(deps: AppDeps, base: ContextWithoutTransaction, staffId: string, change: StaffMemberChange): Promise<void> {
  await inTransaction(deps.db, { ...base, purpose: 'dpv:HumanResourceManagement' }, async (ctx) => {
    const owners = await lockActiveOwnerIds(ctx.trx);
    const member = await findStaffMemberForUpdate(ctx.trx, staffId);
    if (!member) throw new AppError('NOT_FOUND', 'No such staff member');
    const role = change.role ?? member.role;
    const status = change.status ?? member.status;
    const staysActiveOwner = role === 'owner' && status === 'active';
    if (owners.includes(member.id) && owners.length === 1 && !staysActiveOwner) {
      throw new AppError('CONFLICT', 'The last active owner can be neither demoted nor disabled; make someone else owner first.');
    }
    const now = deps.now();
    if (role !== member.role) {
      await updateStaffRole(ctx.trx, member.id, role, now);
      await recordAuditEvent(ctx, { action: 'staff.role_changed', subjectId: member.subject_id, details: { staffId: member.id, from: member.role, to: role } });
    }
    if (status !== member.status) {
      await updateStaffStatus(ctx.trx, member.id, status, now);
      const revoked = status === 'disabled' ? await revokeAllSessions(ctx.trx, 'staff', member.id, 'disabled') : 0;
      await recordAuditEvent(ctx, { action: status === 'disabled' ? 'staff.disabled' : 'staff.enabled', subjectId: member.subject_id, details: { staffId: member.id, sessionsRevoked: revoked } });
    }
  });
}
