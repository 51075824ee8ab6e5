import { recordAuditEvent } from '../audit/record-audit-event.js';
import { newTotpSecret, otpauthUri } from '../auth/totp.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { principalTableName, requirePassedSecondFactor, type SecurityPrincipal } from './security-principal.js';
import { findTwoFactorState, storePendingSecret } from './two-factor.store.js';

export interface PendingEnrolment {
  readonly secret: string;
  readonly otpauthUri: string;
}

export const totpIssuer = 'Custodian';

/** Step one of enrolment: a fresh secret, sealed with the subject's key; two-factor stays off until confirmed. */
export async function startTwoFactor(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal): Promise<PendingEnrolment> {
  requirePassedSecondFactor(who);
  return inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const state = await findTwoFactorState(ctx.trx, who.kind, who.id, true);
    if (!state) throw new AppError('NOT_FOUND');
    if (state.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor sign-in is already on; turn it off first to set up a new authenticator.');
    const table = principalTableName[who.kind];
    const cipher = await deps.keyring.forSubject(ctx.trx, who.subjectId);
    const secret = newTotpSecret();
    await storePendingSecret(ctx.trx, who.kind, who.id, cipher.encrypt(secret, `${table}.totp_secret_enc`));
    await recordAuditEvent(ctx, { action: `${who.kind}.two_factor_enrolment_started`, subjectId: who.subjectId, details: { principalId: who.id } });
    const label = cipher.decrypt(state.email_enc, `${table}.email_enc`);
    return { secret, otpauthUri: otpauthUri(secret, label, totpIssuer) };
  });
}
