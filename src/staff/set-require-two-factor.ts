import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AppDeps } from '../http/app-deps.js';
import { readSetting, writeSetting } from '../settings/settings.store.js';
import { settingKeys } from '../settings/settings.keys.js';
import { AppError } from '../errors/app-error.js';
import { findStaffMemberForUpdate } from './staff.store.js';

export async function requireTwoFactorSetting(deps: AppDeps): Promise<boolean> {
  return (await readSetting<boolean>(deps.db, settingKeys.requireStaffTwoFactor)) === true;
}

/**
 * The owner's switch: when on, staff without two-factor must enrol before using the console.
 * Refused while the person switching it on has no two-factor: they would lock themselves out of
 * the very page that switches it off.
 */
export async function setRequireTwoFactor(deps: AppDeps, base: ContextWithoutTransaction, required: boolean): Promise<void> {
  await inTransaction(deps.db, { ...base, purpose: 'dpv:ServiceSecurity' }, async (ctx) => {
    if (required && ctx.actor.type === 'staff' && ctx.actor.id) {
      const actor = await findStaffMemberForUpdate(ctx.trx, ctx.actor.id);
      if (!actor?.totp_enabled_at) {
        throw new AppError('CONFLICT', 'Turn on two-factor for your own sign-in first (My security); otherwise this setting would lock you out of the console.');
      }
    }
    await writeSetting(ctx.trx, settingKeys.requireStaffTwoFactor, required);
    await recordAuditEvent(ctx, { action: 'settings.changed', subjectId: null, details: { key: settingKeys.requireStaffTwoFactor, value: required } });
  });
}
