import { loadAccountProfile } from '../accounts/account-profile.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AccountRef } from './invite-trusted-user.js';
import { sendLeftEmail, sendRevokedEmail } from './trusted-users.emails.js';
import { endActingSessions, endGrant, findActiveGrantOfPerson, findGrantOfAccount } from './trusted-users.store.js';
import { inviteeEmailField } from './trusted-users.tables.js';

/**
 * The owner revokes a grant or withdraws an invitation. It takes effect at once: the person's next
 * request no longer acts for the account. Revoking what already ended changes nothing.
 */
export async function revokeTrustedUser(deps: AppDeps, base: ContextWithoutTransaction, owner: AccountRef, grantId: string): Promise<{ revoked: boolean }> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const grant = await findGrantOfAccount(ctx.trx, owner.accountId, grantId);
    if (!grant) throw new AppError('NOT_FOUND', 'No such trusted user on your account');
    if (!(await endGrant(ctx.trx, grant.id, 'owner', deps.now()))) return { revoked: false };
    if (grant.person_account_id) await endActingSessions(ctx.trx, grant.person_account_id, owner.accountId);
    await recordAuditEvent(ctx, { action: 'trusted_users.revoked', subjectId: owner.subjectId, details: { grantId, accountId: owner.accountId, personAccountId: grant.person_account_id, wasStatus: grant.status } });
    if (grant.status === 'active' && grant.person_account_id) {
      const person = await loadAccountProfile(ctx.trx, deps.keyring, grant.person_account_id);
      const ownerProfile = await loadAccountProfile(ctx.trx, deps.keyring, owner.accountId);
      await sendRevokedEmail(ctx, deps.keyring, person, ownerProfile);
    }
    return { revoked: true };
  });
}

/**
 * The trusted person gives up their access to an account. Recorded as the trusted user on behalf
 * of that account, so its owner sees it among the actions done for the account.
 */
export async function leaveTrustedAccess(deps: AppDeps, base: ContextWithoutTransaction, person: AccountRef, grantId: string): Promise<{ accountId: string }> {
  const grant = await findActiveGrantOfPerson(deps.db, person.accountId, { grantId });
  if (!grant) throw new AppError('NOT_FOUND', 'You do not act for such an account');
  const actor = { type: 'trusted_user' as const, id: person.accountId, onBehalfOf: grant.account_id };
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement', actor }, async (ctx) => {
    if (!(await endGrant(ctx.trx, grant.id, 'person', deps.now()))) throw new AppError('NOT_FOUND', 'You do not act for such an account');
    await endActingSessions(ctx.trx, person.accountId, grant.account_id);
    await recordAuditEvent(ctx, { action: 'trusted_users.left', subjectId: person.subjectId, details: { grantId, accountId: grant.account_id, personAccountId: person.accountId } });
    const owner = await loadAccountProfile(ctx.trx, deps.keyring, grant.account_id);
    const invitee = grant.invitee_email_enc ? (await deps.keyring.forSubject(ctx.trx, grant.invitee_subject_id)).decrypt(grant.invitee_email_enc, inviteeEmailField) : '';
    await sendLeftEmail(ctx, deps.keyring, owner, invitee);
    return { accountId: grant.account_id };
  });
}
