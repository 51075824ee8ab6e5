import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AuthTokensTable, PrincipalKind } from './auth.tables.js';
import { hashToken } from './session-cookies.js';

export type TokenPurpose = AuthTokensTable['purpose'];

/** Issues a single-use token for an emailed link; only its hash is stored. */
export async function issueOneTimeToken(trx: Transaction<Database>, principal: { kind: PrincipalKind; id: string }, purpose: TokenPurpose, expiresAt: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx.insertInto('auth_tokens').values({ token_hash: hashToken(token), principal_kind: principal.kind, principal_id: principal.id, purpose, expires_at: expiresAt }).execute();
  return token;
}

/** Marks the token used and returns its principal, or null when unknown, used or expired. */
export async function consumeOneTimeToken(trx: Transaction<Database>, token: string, purpose: TokenPurpose, now: Date): Promise<{ kind: PrincipalKind; id: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await trx
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['principal_kind', 'principal_id'])
    .executeTakeFirst();
  return row ? { kind: row.principal_kind, id: row.principal_id } : null;
}
