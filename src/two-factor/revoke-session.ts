import { recordAuditEvent } from '../audit/record-audit-event.js';
import { revokeAllSessions, revokeSession } from '../auth/sessions.store.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { SecurityPrincipal } from './security-principal.js';

/** Revokes one of the principal's own live sessions; someone else's id is simply not found. */
export async function revokeOwnSession(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal, sessionId: string): Promise<{ current: boolean }> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:ServiceSecurity' }, async (ctx) => {
    const revoked = await revokeSession(ctx.trx, who.kind, who.id, sessionId, 'revoked_by_owner');
    if (!revoked) throw new AppError('NOT_FOUND', 'No such session');
    const current = sessionId === who.sessionId;
    await recordAuditEvent(ctx, { action: `${who.kind}.session_revoked`, subjectId: who.subjectId, details: { principalId: who.id, sessionId, current } });
    return { current };
  });
}

/** "Sign out everywhere else": every live session but the one making the request. */
export async function revokeOtherSessions(deps: AppDeps, base: ContextWithoutTransaction, who: SecurityPrincipal): Promise<number> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:ServiceSecurity' }, async (ctx) => {
    const count = await revokeAllSessions(ctx.trx, who.kind, who.id, 'revoked_by_owner', who.sessionId);
    await recordAuditEvent(ctx, { action: `${who.kind}.other_sessions_revoked`, subjectId: who.subjectId, details: { principalId: who.id, keptSessionId: who.sessionId, revoked: count } });
    return count;
  });
}
