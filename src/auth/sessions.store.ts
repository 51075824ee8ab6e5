import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { PrincipalKind, SessionsTable } from './auth.tables.js';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(trx: Transaction<Database>, row: { token_hash: Buffer; principal_kind: PrincipalKind; principal_id: string; second_factor_verified: boolean; ip_truncated: string | null; user_agent_family: string | null; expires_at: Date }): Promise<string> {
  const inserted = await trx.insertInto('sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findLiveSession(db: Kysely<Database>, tokenHash: Buffer, kind: PrincipalKind, now: Date): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('principal_kind', '=', kind)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function markSecondFactorVerified(trx: Transaction<Database>, sessionId: string): Promise<void> {
  await trx.updateTable('sessions').set({ second_factor_verified: true }).where('id', '=', sessionId).execute();
}

export async function revokeSession(trx: Transaction<Database>, kind: PrincipalKind, principalId: string, sessionId: string, reason: string): Promise<boolean> {
  const result = await trx
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoke_reason: reason })
    .where('id', '=', sessionId)
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', principalId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes all of a principal's sessions, except one when given (e.g. after a password change). */
export async function revokeAllSessions(trx: Transaction<Database>, kind: PrincipalKind, principalId: string, reason: string, exceptSessionId?: string): Promise<number> {
  let query = trx
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoke_reason: reason })
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', principalId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listLiveSessions(db: Kysely<Database> | Transaction<Database>, kind: PrincipalKind, principalId: string, now: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', principalId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}
