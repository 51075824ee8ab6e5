import { createHash } from 'node:crypto';
import type { NewAuditRow } from './audit.store.js';

export const genesisHash = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on how jsonb orders an object. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of an entry covers every field and its predecessor's hash. */
export function auditEntryHash(row: Omit<NewAuditRow, 'hash'>): string {
  const material = canonicalJson({
    id: row.id,
    occurredAt: new Date(row.occurred_at as Date).toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id ?? null,
    onBehalfOf: row.on_behalf_of ?? null,
    action: row.action,
    subjectId: row.subject_id ?? null,
    purpose: row.purpose,
    ip: row.ip_truncated ?? null,
    requestId: row.request_id ?? null,
    details: row.details,
    prevHash: row.prev_hash,
  });
  return createHash('sha256').update(material).digest('hex');
}
