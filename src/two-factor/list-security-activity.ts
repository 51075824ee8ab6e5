import type { SignInEventsTable } from '../auth/auth.tables.js';
import { listLiveSessions } from '../auth/sessions.store.js';
import { listSignInEvents } from '../auth/sign-in.store.js';
import type { AppDeps } from '../http/app-deps.js';
import type { SecurityPrincipal } from './security-principal.js';

export interface SessionView {
  readonly id: string;
  readonly device: string | null;
  readonly network: string | null;
  readonly createdAt: Date;
  readonly lastActiveAt: Date;
  readonly current: boolean;
  readonly secondFactorVerified: boolean;
}

export interface SignInView {
  readonly occurredAt: Date;
  readonly outcome: SignInEventsTable['outcome'];
  readonly device: string | null;
  readonly network: string | null;
}

export const recentSignInLimit = 20;

export async function listSessions(deps: AppDeps, who: SecurityPrincipal): Promise<SessionView[]> {
  const rows = await listLiveSessions(deps.db, who.kind, who.id, deps.now());
  return rows.map((row) => ({
    id: row.id,
    device: row.user_agent_family,
    network: row.ip_truncated,
    createdAt: row.created_at,
    lastActiveAt: row.last_seen_at,
    current: row.id === who.sessionId,
    secondFactorVerified: row.second_factor_verified,
  }));
}

export async function listRecentSignIns(deps: AppDeps, who: SecurityPrincipal): Promise<SignInView[]> {
  const rows = await listSignInEvents(deps.db, who.kind, who.id, recentSignInLimit);
  return rows.map((row) => ({ occurredAt: row.occurred_at, outcome: row.outcome, device: row.user_agent_family, network: row.ip_truncated }));
}
