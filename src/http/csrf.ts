import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { keyedHash } from '../crypto/envelope.js';
import { AppError } from '../errors/app-error.js';

export const csrfCookie = 'custodian_csrf';
export const csrfField = '_csrf';
export const csrfHeader = 'x-csrf-token';

/**
 * Signed double-submit: a random cookie, and a form field or header holding its HMAC. A page on
 * another site can neither read the cookie nor forge the HMAC; SameSite=Lax adds a second wall.
 */
export class CsrfGuard {
  constructor(private readonly key: Buffer, private readonly secureCookies: boolean) {}

  /** The token for forms on this response; sets the cookie when the browser has none yet. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    let seed = request.cookies[csrfCookie];
    if (!seed || !/^[A-Za-z0-9_-]{32,64}$/.test(seed)) {
      seed = request.csrfSeed ?? randomBytes(32).toString('base64url');
      request.csrfSeed = seed;
      reply.setCookie(csrfCookie, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secureCookies });
    }
    return keyedHash(this.key, seed).toString('base64url');
  }

  verify(request: FastifyRequest): void {
    const seed = request.cookies[csrfCookie];
    const body = request.body as Record<string, unknown> | undefined;
    const presented = request.headers[csrfHeader] ?? (body && typeof body === 'object' ? body[csrfField] : undefined);
    if (!seed || typeof presented !== 'string') throw new AppError('CSRF_REJECTED');
    const expected = keyedHash(this.key, seed);
    const given = Buffer.from(presented, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('CSRF_REJECTED');
  }
}
