import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { PrincipalKind } from '../auth/auth.tables.js';
import { normaliseRecoveryCode } from '../auth/recovery-codes.js';
import { AppError } from '../errors/app-error.js';

/** The signed-in customer or staff member a security page acts for; one shape for both kinds. */
export interface SecurityPrincipal {
  readonly kind: PrincipalKind;
  readonly id: string;
  readonly subjectId: string;
  readonly sessionId: string;
  readonly secondFactorVerified: boolean;
  readonly locale: string;
}

/** The route's auth has already run, so the principal of the wanted kind is there. */
export function principalOf(request: FastifyRequest, kind: PrincipalKind): SecurityPrincipal {
  if (kind === 'account') {
    const account = request.account;
    if (!account) throw new AppError('UNAUTHENTICATED');
    return { kind, id: account.accountId, subjectId: account.subjectId, sessionId: account.sessionId, secondFactorVerified: account.secondFactorVerified, locale: account.locale };
  }
  const staff = request.staff;
  if (!staff) throw new AppError('UNAUTHENTICATED');
  return { kind, id: staff.staffId, subjectId: staff.subjectId, sessionId: staff.sessionId, secondFactorVerified: staff.secondFactorVerified, locale: request.locale ?? 'en' };
}

/**
 * Staff pages allow a pending second factor (so a member forced to enrol can reach them), but
 * managing two-factor needs a session that has passed it, or a password alone could turn it off.
 */
export function requirePassedSecondFactor(who: SecurityPrincipal): void {
  if (!who.secondFactorVerified) throw new AppError('SECOND_FACTOR_REQUIRED');
}

/** Where the principal's sealed columns live, for the encryption AAD. */
export const principalTableName: Record<PrincipalKind, 'accounts' | 'staff_members'> = { account: 'accounts', staff: 'staff_members' };

/** Recovery codes carry ~50 random bits, so an HMAC keyed with the instance token key suffices. */
export function hashRecoveryCode(tokenKey: Buffer, code: string): string {
  return createHmac('sha256', tokenKey).update(`recovery-code:${normaliseRecoveryCode(code)}`, 'utf8').digest('hex');
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}

export function codeRejected(): AppError {
  return new AppError('VALIDATION_FAILED', 'The code is not valid', { fieldErrors: [{ field: 'code', message: 'The code is not valid' }] });
}

export function passwordRejected(): AppError {
  return new AppError('VALIDATION_FAILED', 'The password is not correct', { fieldErrors: [{ field: 'password', message: 'The password is not correct' }] });
}

/** A relative path on this site, or the fallback: never another origin ("//evil", "/\\evil", "https:"). */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!/^\/(?![/\\])[^\s]*$/.test(next)) return fallback;
  return next;
}
