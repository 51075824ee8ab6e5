import type { Kysely, Transaction } from 'kysely';
import { keyedHash } from '../crypto/envelope.js';
import type { Database } from '../db/database.types.js';
import { abuseBlockByEmailHash } from './customer-records.store.js';

/**
 * Keyed hashes of the identifiers of a person suspended for abuse. HMAC-SHA256 with a key of its
 * own (derived from the master key), so the hashes cannot be matched against any other table or
 * reversed by guessing without the key. Only the sign-in address: sign-up checks nothing else, so
 * keeping more (a phone number, say) would be data without a purpose.
 *
 * Normalisation decides what counts as "the same" identifier, and errs on the side of blocking
 * nobody else:
 * - Email: surrounding whitespace and letter case only. Plus-addresses and dots are NOT folded:
 *   at many providers `ann+x@` or `a.nn@` are different mailboxes, possibly of different people.
 * - The email's domain is never hashed on its own: it names a provider (or a company with many
 *   people), not a person, and blocking it would lock out people who did nothing.
 */
export type AbuseIdentifierKind = 'email';

export function normaliseAbuseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/** The kind is part of the hashed text, so a hash of another kind of identifier could never collide. */
export function abuseIdentifierHash(key: Buffer, kind: AbuseIdentifierKind, value: string): Buffer {
  return keyedHash(key, `${kind}:${normaliseAbuseEmail(value)}`);
}

/**
 * The block that stops this email address from opening an account, if any. Sign-up calls it
 * inside its transaction; it answers a block exactly like a taken address (see sign-up.ts).
 */
export async function signUpBlockFor(db: Kysely<Database> | Transaction<Database>, abuseKey: Buffer, email: string): Promise<string | undefined> {
  return abuseBlockByEmailHash(db, abuseIdentifierHash(abuseKey, 'email', email));
}
