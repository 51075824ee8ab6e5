import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ApiClientPrincipal } from '../http/principal.js';
import { findApiClientByPrefix, touchApiClient } from './api-clients.store.js';
import { parseApiKey, secretMatches } from './api-keys.js';

/** last_used_at is a hint for the owner, not an audit record: written at most once a minute per key. */
const touchEveryMs = 60_000;

/** The API client behind a bearer key; null for a malformed, unknown or revoked key. */
export async function loadApiClient(db: Kysely<Database>, key: string, now: Date): Promise<ApiClientPrincipal | null> {
  if (key.length > 100) return null;
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const row = await findApiClientByPrefix(db, parsed.prefix);
  if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.key_hash)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > touchEveryMs) await touchApiClient(db, row.id, now);
  return { kind: 'api_client', clientId: row.id, scopes: row.scopes };
}
