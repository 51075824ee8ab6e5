import type { Kysely, Transaction } from 'kysely';
import { loadAccountProfile } from '../accounts/account-profile.js';
import { findAccountById } from '../accounts/accounts.store.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { hashToken } from '../auth/session-cookies.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { Database } from '../db/database.types.js';
import type { AppDeps } from '../http/app-deps.js';
import { knownAreas, type AccountArea } from './account-areas.js';
import { GrantRefused } from './grant-refused.js';
import type { AccountRef } from './invite-trusted-user.js';
import { sendAcceptedEmail } from './trusted-users.emails.js';
import { activateGrant, findActiveGrantOfPerson, findInvitationByToken, readInvitationByToken, type GrantRow } from './trusted-users.store.js';
import { inviteeEmailField } from './trusted-users.tables.js';

const tokenPattern = /^[A-Za-z0-9_-]{20,100}$/;

export interface InvitationView {
  readonly grantId: string;
  readonly ownerName: string;
  readonly areas: readonly AccountArea[];
  readonly expiresAt: Date;
}

function usable(row: GrantRow | undefined, now: Date): row is GrantRow {
  return row !== undefined && row.status === 'invited' && row.invitation_expires_at > now;
}

/**
 * What the invitation link offers, for the signed-in person it was sent to. Anyone else (another
 * account, the owner) is refused before anything about the owner is shown.
 */
export async function describeInvitation(deps: AppDeps, person: AccountRef, token: string): Promise<InvitationView> {
  const row = tokenPattern.test(token) ? await readInvitationByToken(deps.db, hashToken(token)) : undefined;
  if (!usable(row, deps.now())) throw new GrantRefused('invalidLink');
  await checkAcceptor(deps.db, row, person);
  const owner = await loadAccountProfile(deps.db, deps.keyring, row.account_id);
  return { grantId: row.id, ownerName: `${owner.firstName} ${owner.lastName}`, areas: knownAreas(row.areas), expiresAt: row.invitation_expires_at };
}

/** Whether a link is still usable at all; decides what a signed-out visitor is told. */
export async function invitationIsOpen(deps: AppDeps, token: string): Promise<boolean> {
  const row = tokenPattern.test(token) ? await readInvitationByToken(deps.db, hashToken(token)) : undefined;
  return usable(row, deps.now());
}

/** Only the invited address's own verified account may accept, and never the owner. */
async function checkAcceptor(db: Kysely<Database> | Transaction<Database>, row: GrantRow, person: AccountRef): Promise<void> {
  if (row.account_id === person.accountId) throw new GrantRefused('self');
  const owner = await findAccountById(db, row.account_id);
  if (owner?.status !== 'active') throw new GrantRefused('invalidLink');
  const account = await findAccountById(db, person.accountId);
  if (!account || !row.invitee_email_lookup || !account.email_lookup.equals(row.invitee_email_lookup)) throw new GrantRefused('wrongAccount');
  if (await findActiveGrantOfPerson(db, person.accountId, { accountId: row.account_id })) throw new GrantRefused('alreadyTrusted');
}

/** The invited person accepts with their own account: the grant becomes live and the owner is told. */
export async function acceptInvitation(deps: AppDeps, base: ContextWithoutTransaction, person: AccountRef, token: string): Promise<{ grantId: string; accountId: string }> {
  if (!tokenPattern.test(token)) throw new GrantRefused('invalidLink');
  const now = deps.now();
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement', actor: { type: 'customer', id: person.accountId } }, async (ctx) => {
    const row = await findInvitationByToken(ctx.trx, hashToken(token));
    if (!usable(row, now)) throw new GrantRefused('invalidLink');
    await checkAcceptor(ctx.trx, row, person);
    if (!(await activateGrant(ctx.trx, row.id, person.accountId, now))) throw new GrantRefused('invalidLink');
    await recordAuditEvent(ctx, { action: 'trusted_users.accepted', subjectId: person.subjectId, details: { grantId: row.id, accountId: row.account_id, personAccountId: person.accountId } });
    const owner = await loadAccountProfile(ctx.trx, deps.keyring, row.account_id);
    const invitee = (await deps.keyring.forSubject(ctx.trx, row.invitee_subject_id)).decrypt(row.invitee_email_enc!, inviteeEmailField);
    await sendAcceptedEmail(ctx, deps.keyring, owner, invitee, row.areas);
    return { grantId: row.id, accountId: row.account_id };
  });
}
