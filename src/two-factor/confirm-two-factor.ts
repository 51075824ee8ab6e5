import { recordAuditEvent } from '../audit/record-audit-event.js';
import { newRecoveryCodes } from '../auth/recovery-codes.js';
import { verifyTotp } from '../auth/totp.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { sendSecurityNotice } from './send-security-notice.js';
import { codeRejected, hashRecoveryCode, principalTableName, requirePassedSecondFactor, type SecurityPrincipal } from './security-principal.js';
import { enableTotp, findTwoFactorState, replaceRecoveryCodes } from './two-factor.store.js';

/**
 * Step two of enrolment: a code from the authenticator proves it holds the secret. Turns two-factor
 * on and returns ten recovery codes, shown once; only their keyed hashes are stored.
 */
export async function confirmTwoFactor(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal, code: string): Promise<string[]> {
  requirePassedSecondFactor(who);
  const now = deps.now();
  return inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const state = await findTwoFactorState(ctx.trx, who.kind, who.id, true);
    if (!state) throw new AppError('NOT_FOUND');
    if (state.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor sign-in is already on.');
    if (!state.totp_secret_enc) throw new AppError('CONFLICT', 'Start the set-up first.');
    const cipher = await deps.keyring.forSubject(ctx.trx, who.subjectId);
    const secret = cipher.decrypt(state.totp_secret_enc, `${principalTableName[who.kind]}.totp_secret_enc`);
    const step = verifyTotp(secret, code, now, null);
    if (step === null) throw codeRejected();
    await enableTotp(ctx.trx, who.kind, who.id, step, now);
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(ctx.trx, who.kind, who.id, codes.map((c) => hashRecoveryCode(deps.keys.tokens, c)));
    await recordAuditEvent(ctx, { action: `${who.kind}.two_factor_enabled`, subjectId: who.subjectId, details: { principalId: who.id, recoveryCodes: codes.length } });
    await sendSecurityNotice(ctx, deps.keyring, who, state.email_enc, 'two_factor_enabled');
    return codes;
  });
}
