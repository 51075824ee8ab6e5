import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { PrincipalKind } from './auth.tables.js';

/** Separate cookies: a customer session never opens the staff console and the other way round. */
export const sessionCookieNames: Record<PrincipalKind, string> = {
  account: 'custodian_session',
  staff: 'custodian_staff_session',
};

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a database leak yields no usable session. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function setSessionCookie(reply: FastifyReply, kind: PrincipalKind, token: string, expires: Date, secure: boolean): void {
  reply.setCookie(sessionCookieNames[kind], token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
}

export function clearSessionCookie(reply: FastifyReply, kind: PrincipalKind, secure: boolean): void {
  reply.clearCookie(sessionCookieNames[kind], { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
