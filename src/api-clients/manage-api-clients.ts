import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import { findApiClient, insertApiClient, markApiClientRevoked, type ApiClientRow } from './api-clients.store.js';
import type { ApiScope } from './api-clients.tables.js';
import { generateApiKey } from './api-keys.js';

export interface ApiClientView {
  readonly id: string;
  readonly name: string;
  readonly keyPrefix: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export function viewOf(row: ApiClientRow): ApiClientView {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** Creates a client; the returned key is the only copy there will ever be (only its hash is stored). */
export async function createApiClient(
  db: Kysely<Database>,
  context: ContextWithoutTransaction,
  input: { name: string; scopes: readonly ApiScope[]; createdBySubjectId: string | null },
): Promise<{ client: ApiClientView; key: string }> {
  return inTransaction(db, context, async (ctx) => {
    const key = generateApiKey();
    const row = await insertApiClient(ctx.trx, { name: input.name, key_prefix: key.prefix, key_hash: key.hash, scopes: [...new Set(input.scopes)], created_by: input.createdBySubjectId, revoked_at: null, last_used_at: null });
    await recordAuditEvent(ctx, { action: 'api_client.created', subjectId: null, details: { apiClientId: row.id, keyPrefix: row.key_prefix, scopes: [...row.scopes] } });
    return { client: viewOf(row), key: key.key };
  });
}

/** Revokes a key at once: the next request with it gets 401, on every process (no cache). */
export async function revokeApiClient(db: Kysely<Database>, context: ContextWithoutTransaction, id: string, now: Date): Promise<ApiClientView> {
  return inTransaction(db, context, async (ctx) => {
    if (!(await findApiClient(ctx.trx, id))) throw new AppError('NOT_FOUND', 'No such API client');
    const revoked = await markApiClientRevoked(ctx.trx, id, now);
    if (revoked) await recordAuditEvent(ctx, { action: 'api_client.revoked', subjectId: null, details: { apiClientId: id } });
    return viewOf((await findApiClient(ctx.trx, id))!);
  });
}
