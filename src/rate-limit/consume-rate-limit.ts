import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { durationMs } from '../config/duration.js';
import { keyedHash } from '../crypto/envelope.js';
import { AppError } from '../errors/app-error.js';
import { countHit } from './rate-limit.store.js';

export interface RateLimitCheck {
  readonly scope: string;
  readonly limit: number;
  /** ISO-8601 duration of the window. */
  readonly window: string;
  /** Identifying parts (IP, email); hashed with the instance key before they touch the database. */
  readonly parts: readonly string[];
}

/** Throws RATE_LIMITED with Retry-After once the window's limit is passed. */
export async function consumeRateLimit(db: Kysely<Database>, key: Buffer, check: RateLimitCheck, now = new Date()): Promise<void> {
  const windowMs = durationMs(check.window);
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const bucket = `${check.scope}:${keyedHash(key, check.parts.join('\u0000')).toString('base64url')}`;
  const hits = await countHit(db, bucket, windowStart);
  if (hits > check.limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, { headers: { 'retry-after': String(retryAfter) } });
  }
}
