import { recordAuditEvent } from '../audit/record-audit-event.js';
import { verifyPassword } from '../auth/passwords.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { readSetting } from '../settings/settings.store.js';
import { settingKeys } from '../settings/settings.keys.js';
import { sendSecurityNotice } from './send-security-notice.js';
import { passwordRejected, requirePassedSecondFactor, type SecurityPrincipal } from './security-principal.js';
import { deleteRecoveryCodes, disableTotp, findTwoFactorState } from './two-factor.store.js';

/** Turns two-factor off (also a pending set-up) after the current password is confirmed; tells the owner. */
export async function disableTwoFactor(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal, password: string): Promise<void> {
  requirePassedSecondFactor(who);
  if (who.kind === 'staff' && (await readSetting<boolean>(deps.db, settingKeys.requireStaffTwoFactor)) === true) {
    throw new AppError('CONFLICT', 'The owner requires two-factor sign-in for all staff, so it cannot be turned off.');
  }
  const state = await findTwoFactorState(deps.db, who.kind, who.id);
  if (!state) throw new AppError('NOT_FOUND');
  if (!state.totp_secret_enc && !state.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor sign-in is already off.');
  // argon2 runs outside the transaction so a slow check holds no row lock.
  if (!state.password_hash || !(await verifyPassword(state.password_hash, password))) throw passwordRejected();
  await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const wasEnabled = state.totp_enabled_at !== null;
    await disableTotp(ctx.trx, who.kind, who.id);
    await deleteRecoveryCodes(ctx.trx, who.kind, who.id);
    await recordAuditEvent(ctx, { action: `${who.kind}.two_factor_disabled`, subjectId: who.subjectId, details: { principalId: who.id, wasEnabled } });
    if (wasEnabled) await sendSecurityNotice(ctx, deps.keyring, who, state.email_enc, 'two_factor_disabled');
  });
}
