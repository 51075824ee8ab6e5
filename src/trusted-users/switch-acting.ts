import { encryptedAccountFields } from '../accounts/account-fields.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AccountPrincipal } from '../http/principal.js';
import { knownAreas, type AccountArea } from './account-areas.js';
import { findActiveGrantOfPerson, listActiveGrantsOfPerson, setSessionActing } from './trusted-users.store.js';

export interface ActingOption {
  readonly grantId: string;
  readonly accountId: string;
  /** The owner's name, opened with the owner's key: what the person needs to tell accounts apart. */
  readonly ownerName: string;
  readonly areas: readonly AccountArea[];
  readonly current: boolean;
}

/** The accounts this person may act for now; the one this session acts for is marked. */
export async function listActingOptions(deps: AppDeps, person: AccountPrincipal): Promise<ActingOption[]> {
  const rows = await listActiveGrantsOfPerson(deps.db, person.accountId);
  return Promise.all(rows.map(async (row) => {
    const cipher = await deps.keyring.forSubject(deps.db, row.owner_subject_id);
    const ownerName = `${cipher.decrypt(row.first_name_enc, encryptedAccountFields.firstName)} ${cipher.decrypt(row.last_name_enc, encryptedAccountFields.lastName)}`;
    return { grantId: row.id, accountId: row.account_id, ownerName, areas: knownAreas(row.areas), current: person.acting?.accountId === row.account_id };
  }));
}

/**
 * Switches this session (only this one) to act for an account the person holds a live grant for,
 * or back to their own account with null. Both directions are recorded as the trusted user on
 * behalf of the account concerned, so its owner sees when someone started and stopped acting.
 */
export async function switchActing(deps: AppDeps, base: ContextWithoutTransaction, person: AccountPrincipal, accountId: string | null): Promise<void> {
  if (accountId === null) {
    const previous = person.acting;
    await inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
      await setSessionActing(ctx.trx, person.sessionId, person.accountId, null);
      if (!previous) return;
      const actor = { type: 'trusted_user' as const, id: person.accountId, onBehalfOf: previous.accountId };
      await recordAuditEvent({ ...ctx, actor }, { action: 'trusted_users.acting_ended', subjectId: previous.subjectId, details: { grantId: previous.grantId, accountId: previous.accountId, sessionId: person.sessionId } });
    });
    return;
  }
  const actor = { type: 'trusted_user' as const, id: person.accountId, onBehalfOf: accountId };
  await inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement', actor }, async (ctx) => {
    const grant = await findActiveGrantOfPerson(ctx.trx, person.accountId, { accountId });
    if (!grant) throw new AppError('NOT_FOUND', 'You cannot act for this account');
    await setSessionActing(ctx.trx, person.sessionId, person.accountId, accountId);
    const previous = person.acting;
    if (previous && previous.accountId !== accountId) {
      const previousActor = { type: 'trusted_user' as const, id: person.accountId, onBehalfOf: previous.accountId };
      await recordAuditEvent({ ...ctx, actor: previousActor }, { action: 'trusted_users.acting_ended', subjectId: previous.subjectId, details: { grantId: previous.grantId, accountId: previous.accountId, sessionId: person.sessionId } });
    }
    await recordAuditEvent(ctx, { action: 'trusted_users.acting_started', subjectId: grant.owner_subject_id, details: { grantId: grant.id, accountId, sessionId: person.sessionId } });
  });
}
