import type { AppDeps } from '../http/app-deps.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { AppError } from '../errors/app-error.js';
import type { PrincipalKind } from './auth.tables.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { hashToken, newSessionToken } from './session-cookies.js';
import { insertSession } from './sessions.store.js';
import { findSignInCandidate, insertSignInEvent, recordFailedAttempt, resetFailedAttempts, type SignInCandidate } from './sign-in.store.js';

export interface PasswordSignInInput {
  readonly kind: PrincipalKind;
  readonly email: string;
  readonly password: string;
  readonly userAgentFamily: string | null;
}

export interface SignedIn {
  readonly principalId: string;
  readonly subjectId: string;
  readonly sessionId: string;
  /** Goes in the cookie; only its hash is stored. */
  readonly sessionToken: string;
  readonly expiresAt: Date;
  /** The session is usable only after the second factor (TOTP or recovery code). */
  readonly secondFactorPending: boolean;
}

/** Called once, in the failing transaction, when an account becomes locked: tell its owner. */
export type LockNotifier = (ctx: RequestContext, candidate: SignInCandidate, lockedUntil: Date) => Promise<void>;

/**
 * Password step of sign-in for customers and staff. Failures count per principal; after the
 * configured number the principal is locked for a while and its owner is told. The answer for an
 * unknown email, a wrong password and a locked principal takes the same time.
 */
export async function attemptPasswordSignIn(deps: AppDeps, base: ContextWithoutTransaction, input: PasswordSignInInput, notifyLocked: LockNotifier): Promise<SignedIn> {
  const now = deps.now();
  const lookup = deps.keyring.emailLookup(input.email);
  const outcome = await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const candidate = await findSignInCandidate(ctx.trx, input.kind, lookup);
    if (!candidate || !candidate.password_hash || candidate.status !== 'active') {
      await burnPasswordCheck(input.password);
      return { error: new AppError('INVALID_CREDENTIALS') } as const;
    }
    const event = { principal_kind: input.kind, principal_id: candidate.id, ip_truncated: ctx.ip, user_agent_family: input.userAgentFamily };
    if (candidate.locked_until && candidate.locked_until > now) {
      await burnPasswordCheck(input.password);
      await insertSignInEvent(ctx.trx, { ...event, outcome: 'locked' });
      return { error: lockedError(candidate.locked_until, now) } as const;
    }
    if (!(await verifyPassword(candidate.password_hash, input.password))) {
      const lockUntil = addDuration(now, deps.config.signInLock.lockFor);
      const failure = await recordFailedAttempt(ctx.trx, input.kind, candidate.id, deps.config.signInLock.after, lockUntil);
      await insertSignInEvent(ctx.trx, { ...event, outcome: 'bad_password' });
      if (failure.locked) {
        await recordAuditEvent({ ...ctx, actor: { type: 'anonymous', id: null } }, { action: `${input.kind}.sign_in_locked`, subjectId: candidate.subject_id, details: { principalId: candidate.id, failedSignIns: failure.failedSignIns } });
        await notifyLocked(ctx, candidate, lockUntil);
        return { error: lockedError(lockUntil, now) } as const;
      }
      return { error: new AppError('INVALID_CREDENTIALS') } as const;
    }
    await resetFailedAttempts(ctx.trx, input.kind, candidate.id);
    const secondFactorPending = candidate.totp_enabled_at !== null;
    const sessionToken = newSessionToken();
    const expiresAt = addDuration(now, deps.config.sessions.ttl);
    const sessionId = await insertSession(ctx.trx, {
      token_hash: hashToken(sessionToken),
      principal_kind: input.kind,
      principal_id: candidate.id,
      second_factor_verified: !secondFactorPending,
      ip_truncated: ctx.ip,
      user_agent_family: input.userAgentFamily,
      expires_at: expiresAt,
    });
    await insertSignInEvent(ctx.trx, { ...event, outcome: 'success' });
    const actor = { type: input.kind === 'staff' ? ('staff' as const) : ('customer' as const), id: candidate.id };
    await recordAuditEvent({ ...ctx, actor }, { action: `${input.kind}.signed_in`, subjectId: candidate.subject_id, details: { sessionId, secondFactorPending } });
    return { signedIn: { principalId: candidate.id, subjectId: candidate.subject_id, sessionId, sessionToken, expiresAt, secondFactorPending } } as const;
  });
  // Failures commit their counters and events, then surface as errors.
  if ('error' in outcome) throw outcome.error;
  return outcome.signedIn;
}

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', `Sign-in is locked after repeated failures. Try again in ${Math.ceil(seconds / 60)} minute(s), or reset your password.`, { headers: { 'retry-after': String(seconds) } });
}
