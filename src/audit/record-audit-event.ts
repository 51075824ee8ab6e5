import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context/request-context.js';
import { insertAuditRow, lastAuditHash, lockAuditChain } from './audit.store.js';
import { auditEntryHash, genesisHash } from './audit-hash.js';

export interface AuditEventInput {
  /** Dotted verb, e.g. "account.sign_up", "staff.role_changed". */
  readonly action: string;
  readonly subjectId: string | null;
  /** Ids and field names only; never values of personal data. */
  readonly details?: Record<string, string | number | boolean | null | string[]>;
}

/** Appends one hash-chained entry inside the caller's transaction. */
export async function recordAuditEvent(ctx: RequestContext, event: AuditEventInput): Promise<void> {
  await lockAuditChain(ctx.trx);
  const prevHash = (await lastAuditHash(ctx.trx)) ?? genesisHash;
  const row = {
    id: randomUUID(),
    occurred_at: new Date(),
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    on_behalf_of: ctx.actor.onBehalfOf ?? null,
    action: event.action,
    subject_id: event.subjectId,
    purpose: ctx.purpose,
    ip_truncated: ctx.ip,
    request_id: ctx.requestId,
    details: event.details ?? {},
    prev_hash: prevHash,
  };
  await insertAuditRow(ctx.trx, { ...row, hash: auditEntryHash(row) });
}
