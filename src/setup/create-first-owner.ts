import { timingSafeEqual } from 'node:crypto';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { hashToken } from '../auth/session-cookies.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { readSetting } from '../settings/settings.store.js';
import { settingKeys } from '../settings/settings.keys.js';
import { addStaffMember, hashNewPassword } from '../staff/create-staff-member.js';
import { ownerExists } from '../staff/staff.store.js';
import type { FirstOwnerSetupSetting } from './ensure-first-owner.js';
import { deleteSettingRow, lockFirstOwnerSetup } from './setup.store.js';

/** Refuses once an owner exists, whatever the token. */
export async function assertSetupOpen(deps: AppDeps): Promise<void> {
  if (await ownerExists(deps.db)) throw new AppError('SETUP_ALREADY_DONE');
}

/** Creates the first owner from the printed setup link, then deletes the link's setting. */
export async function createFirstOwner(
  deps: AppDeps,
  base: ContextWithoutTransaction,
  input: { token: string; email: string; displayName: string; password: string },
): Promise<{ staffId: string }> {
  const passwordHash = (await hashNewPassword(input.password))!;
  return inTransaction(deps.db, { ...base, purpose: 'dpv:HumanResourceManagement' }, async (ctx) => {
    await lockFirstOwnerSetup(ctx.trx);
    if (await ownerExists(ctx.trx)) throw new AppError('SETUP_ALREADY_DONE');
    const setting = await readSetting<FirstOwnerSetupSetting>(ctx.trx, settingKeys.firstOwnerSetup);
    if (!setting || !tokenMatches(setting, input.token) || new Date(setting.expiresAt) <= deps.now()) throw new AppError('TOKEN_INVALID');
    const created = await addStaffMember(ctx, deps, { email: input.email, displayName: input.displayName, role: 'owner' }, passwordHash);
    await deleteSettingRow(ctx.trx, settingKeys.firstOwnerSetup);
    await recordAuditEvent(ctx, { action: 'setup.first_owner_created', subjectId: created.subjectId, details: { staffId: created.staffId } });
    return { staffId: created.staffId };
  });
}

function tokenMatches(setting: FirstOwnerSetupSetting, token: string): boolean {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token) || !/^[0-9a-f]{64}$/.test(setting.tokenHash)) return false;
  return timingSafeEqual(hashToken(token), Buffer.from(setting.tokenHash, 'hex'));
}
