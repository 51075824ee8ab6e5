import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { acceptancesOf, insertAcceptance, pendingAcceptance, versionRecord, type PolicyVersionSummary } from './policy-versions.store.js';

export interface AccountRef {
  readonly accountId: string;
  readonly subjectId: string;
}

/** Records that the signed-in customer accepts a version that asks for acceptance; accepting twice changes nothing. */
export async function acceptPolicyVersion(deps: Pick<AppDeps, 'db'>, base: ContextWithoutTransaction, account: AccountRef, version: number): Promise<{ version: number; newlyAccepted: boolean }> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const found = await versionRecord(ctx.trx, version);
    if (!found) throw new AppError('NOT_FOUND', `There is no version ${version}`);
    if (!found.requiresAcceptance) throw new AppError('CONFLICT', `Version ${version} does not ask for acceptance`);
    const newlyAccepted = await insertAcceptance(ctx.trx, { account_id: account.accountId, subject_id: account.subjectId, version_id: found.id, ip_truncated: ctx.ip });
    if (newlyAccepted) {
      await recordAuditEvent(ctx, { action: 'policy.version_accepted', subjectId: account.subjectId, details: { versionId: found.id, version, accountId: account.accountId } });
    }
    return { version, newlyAccepted };
  });
}

export interface AcceptanceState {
  readonly pending: PolicyVersionSummary | null;
  readonly accepted: { version: number; acceptedAt: Date }[];
}

/** The signed-in customer's own acceptances and what is waiting for them; nobody else's. */
export async function acceptanceStateOf(deps: Pick<AppDeps, 'db'>, accountId: string): Promise<AcceptanceState> {
  const [pending, accepted] = await Promise.all([pendingAcceptance(deps.db, accountId), acceptancesOf(deps.db, accountId)]);
  return { pending: pending ?? null, accepted };
}
