import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `ck_<8 hex prefix>_<43 base64url secret>`: the prefix finds the row, the secret's SHA-256 proves it. */
const keyPattern = /^ck_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** Shown once to whoever created it; never stored. */
  readonly key: string;
  readonly prefix: string;
  readonly hash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `ck_${prefix}_${secret}`, prefix, hash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = keyPattern.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
