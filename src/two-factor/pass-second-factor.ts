import { recordAuditEvent } from '../audit/record-audit-event.js';
import { markSecondFactorVerified, revokeSession } from '../auth/sessions.store.js';
import { insertSignInEvent, recordFailedAttempt, resetFailedAttempts } from '../auth/sign-in.store.js';
import { verifyTotp } from '../auth/totp.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { sendSecurityNotice } from './send-security-notice.js';
import { hashRecoveryCode, looksLikeTotpCode, principalTableName, type SecurityPrincipal } from './security-principal.js';
import { advanceTotpStep, consumeRecoveryCode, countUnusedRecoveryCodes, findTwoFactorState } from './two-factor.store.js';

export interface SecondFactorAttempt {
  readonly code: string;
  readonly userAgentFamily: string | null;
}

/**
 * The second step of sign-in: an authenticator code (each step accepted once) or an unused recovery
 * code turns the pending session into a full one. Failures count with the password failures; at the
 * configured limit the principal is locked, the pending session revoked and the owner told.
 */
export async function passSecondFactor(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal, attempt: SecondFactorAttempt): Promise<{ method: 'totp' | 'recovery_code' }> {
  const now = deps.now();
  const outcome = await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const state = await findTwoFactorState(ctx.trx, who.kind, who.id, true);
    const event = { principal_kind: who.kind, principal_id: who.id, ip_truncated: ctx.ip, user_agent_family: attempt.userAgentFamily };
    if (!state || !state.totp_enabled_at || !state.totp_secret_enc) {
      // Two-factor was turned off elsewhere meanwhile: this half-signed-in session cannot continue.
      await revokeSession(ctx.trx, who.kind, who.id, who.sessionId, 'second_factor_unavailable');
      return { error: new AppError('UNAUTHENTICATED', 'Sign in again.') } as const;
    }
    if (state.locked_until && state.locked_until > now) {
      await insertSignInEvent(ctx.trx, { ...event, outcome: 'locked' });
      await revokeSession(ctx.trx, who.kind, who.id, who.sessionId, 'locked');
      return { error: lockedError(state.locked_until, now) } as const;
    }
    const method = await matchCode(deps, ctx.trx, who, state.totp_secret_enc, state.totp_last_step, attempt.code, now);
    if (method) {
      await markSecondFactorVerified(ctx.trx, who.sessionId);
      await resetFailedAttempts(ctx.trx, who.kind, who.id);
      await insertSignInEvent(ctx.trx, { ...event, outcome: 'second_factor_passed' });
      const remaining = method === 'recovery_code' ? await countUnusedRecoveryCodes(ctx.trx, who.kind, who.id) : null;
      await recordAuditEvent(ctx, { action: `${who.kind}.second_factor_passed`, subjectId: who.subjectId, details: { principalId: who.id, sessionId: who.sessionId, method, remainingRecoveryCodes: remaining } });
      return { method } as const;
    }
    const lockUntil = addDuration(now, deps.config.signInLock.lockFor);
    const failure = await recordFailedAttempt(ctx.trx, who.kind, who.id, deps.config.signInLock.after, lockUntil);
    await insertSignInEvent(ctx.trx, { ...event, outcome: 'second_factor_failed' });
    if (failure.locked) {
      await revokeSession(ctx.trx, who.kind, who.id, who.sessionId, 'second_factor_locked');
      await recordAuditEvent(ctx, { action: `${who.kind}.sign_in_locked`, subjectId: who.subjectId, details: { principalId: who.id, sessionId: who.sessionId, failedSignIns: failure.failedSignIns, step: 'second_factor' } });
      await sendSecurityNotice(ctx, deps.keyring, who, state.email_enc, 'second_factor_locked');
      return { error: lockedError(lockUntil, now) } as const;
    }
    return { error: new AppError('SECOND_FACTOR_INVALID', 'The code is not valid', { fieldErrors: [{ field: 'code', message: 'The code is not valid' }] }) } as const;
  });
  // Failures commit their counters, events and revocations, then surface as errors.
  if ('error' in outcome) throw outcome.error;
  return { method: outcome.method };
}

async function matchCode(deps: AppDeps, trx: Parameters<typeof advanceTotpStep>[0], who: SecurityPrincipal, secretEnc: Buffer, lastStep: number | null, code: string, now: Date): Promise<'totp' | 'recovery_code' | null> {
  if (looksLikeTotpCode(code)) {
    const cipher = await deps.keyring.forSubject(trx, who.subjectId);
    const secret = cipher.decrypt(secretEnc, `${principalTableName[who.kind]}.totp_secret_enc`);
    const step = verifyTotp(secret, code, now, lastStep);
    return step !== null && (await advanceTotpStep(trx, who.kind, who.id, step)) ? 'totp' : null;
  }
  return (await consumeRecoveryCode(trx, who.kind, who.id, hashRecoveryCode(deps.keys.tokens, code), now)) ? 'recovery_code' : null;
}

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', `Sign-in is locked after repeated failures. Try again in ${Math.ceil(seconds / 60)} minute(s).`, { headers: { 'retry-after': String(seconds) } });
}
