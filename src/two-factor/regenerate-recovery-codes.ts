import { recordAuditEvent } from '../audit/record-audit-event.js';
import { newRecoveryCodes } from '../auth/recovery-codes.js';
import { verifyTotp } from '../auth/totp.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { codeRejected, hashRecoveryCode, principalTableName, requirePassedSecondFactor, type SecurityPrincipal } from './security-principal.js';
import { advanceTotpStep, findTwoFactorState, replaceRecoveryCodes } from './two-factor.store.js';

/** Replaces all recovery codes (used or not) with ten new ones; needs a current authenticator code. */
export async function regenerateRecoveryCodes(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal, code: string): Promise<string[]> {
  requirePassedSecondFactor(who);
  const now = deps.now();
  return inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const state = await findTwoFactorState(ctx.trx, who.kind, who.id, true);
    if (!state) throw new AppError('NOT_FOUND');
    if (!state.totp_enabled_at || !state.totp_secret_enc) throw new AppError('CONFLICT', 'Two-factor sign-in is off.');
    const cipher = await deps.keyring.forSubject(ctx.trx, who.subjectId);
    const secret = cipher.decrypt(state.totp_secret_enc, `${principalTableName[who.kind]}.totp_secret_enc`);
    const step = verifyTotp(secret, code, now, state.totp_last_step);
    if (step === null || !(await advanceTotpStep(ctx.trx, who.kind, who.id, step))) throw codeRejected();
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(ctx.trx, who.kind, who.id, codes.map((c) => hashRecoveryCode(deps.keys.tokens, c)));
    await recordAuditEvent(ctx, { action: `${who.kind}.recovery_codes_regenerated`, subjectId: who.subjectId, details: { principalId: who.id, recoveryCodes: codes.length } });
    return codes;
  });
}
