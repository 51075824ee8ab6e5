import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { GrantEndedBy, TrustedUsersTable } from './trusted-users.tables.js';

export type GrantRow = Selectable<TrustedUsersTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertGrant(trx: Transaction<Database>, row: Insertable<TrustedUsersTable>): Promise<string> {
  const inserted = await trx.insertInto('trusted_users').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** The invitation or grant of an account for this address that is still open (invited or active). */
export async function findOpenGrantForInvitee(trx: Transaction<Database>, accountId: string, emailLookup: Buffer): Promise<GrantRow | undefined> {
  return trx
    .selectFrom('trusted_users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('invitee_email_lookup', '=', emailLookup)
    .where('status', 'in', ['invited', 'active'])
    .forUpdate()
    .executeTakeFirst();
}

/** A pending invitation sent again: new link, new expiry, the areas chosen now. */
export async function renewInvitation(trx: Transaction<Database>, grantId: string, change: { tokenHash: Buffer; expiresAt: Date; areas: readonly string[]; now: Date }): Promise<void> {
  await trx
    .updateTable('trusted_users')
    .set({ invitation_token_hash: change.tokenHash, invitation_expires_at: change.expiresAt, areas: [...change.areas], updated_at: change.now })
    .where('id', '=', grantId)
    .where('status', '=', 'invited')
    .execute();
}

/** One grant of the owner's account; another account's grant is not found. */
export async function findGrantOfAccount(db: Db, accountId: string, grantId: string): Promise<GrantRow | undefined> {
  return db.selectFrom('trusted_users').selectAll().where('id', '=', grantId).where('account_id', '=', accountId).executeTakeFirst();
}

export async function listGrantsOfAccount(db: Db, accountId: string): Promise<GrantRow[]> {
  return db.selectFrom('trusted_users').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

export async function findInvitationByToken(trx: Transaction<Database>, tokenHash: Buffer): Promise<GrantRow | undefined> {
  return trx.selectFrom('trusted_users').selectAll().where('invitation_token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function readInvitationByToken(db: Db, tokenHash: Buffer): Promise<GrantRow | undefined> {
  return db.selectFrom('trusted_users').selectAll().where('invitation_token_hash', '=', tokenHash).executeTakeFirst();
}

/** The person's live grant for an account, if the account is still active. */
export async function findActiveGrantOfPerson(db: Db, personAccountId: string, where: { accountId: string } | { grantId: string }) {
  let query = db
    .selectFrom('trusted_users')
    .innerJoin('accounts', 'accounts.id', 'trusted_users.account_id')
    .selectAll('trusted_users')
    .select(['accounts.subject_id as owner_subject_id'])
    .where('trusted_users.person_account_id', '=', personAccountId)
    .where('trusted_users.status', '=', 'active')
    .where('accounts.status', '=', 'active');
  query = 'accountId' in where ? query.where('trusted_users.account_id', '=', where.accountId) : query.where('trusted_users.id', '=', where.grantId);
  return query.executeTakeFirst();
}

/** Every account the person may act for now, with the owner's sealed name. */
export async function listActiveGrantsOfPerson(db: Db, personAccountId: string) {
  return db
    .selectFrom('trusted_users')
    .innerJoin('accounts', 'accounts.id', 'trusted_users.account_id')
    .select(['trusted_users.id', 'trusted_users.account_id', 'trusted_users.areas', 'trusted_users.accepted_at', 'accounts.subject_id as owner_subject_id', 'accounts.first_name_enc', 'accounts.last_name_enc'])
    .where('trusted_users.person_account_id', '=', personAccountId)
    .where('trusted_users.status', '=', 'active')
    .where('accounts.status', '=', 'active')
    .orderBy('trusted_users.accepted_at', 'asc')
    .orderBy('trusted_users.id', 'asc')
    .execute();
}

/** Turns a pending, unexpired invitation into a live grant; false when it no longer can be. */
export async function activateGrant(trx: Transaction<Database>, grantId: string, personAccountId: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('trusted_users')
    .set({ status: 'active', person_account_id: personAccountId, accepted_at: now, invitation_token_hash: null, updated_at: now })
    .where('id', '=', grantId)
    .where('status', '=', 'invited')
    .where('invitation_expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateGrantAreas(trx: Transaction<Database>, grantId: string, areas: readonly string[], now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('trusted_users')
    .set({ areas: [...areas], updated_at: now })
    .where('id', '=', grantId)
    .where('status', 'in', ['invited', 'active'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends an open grant or invitation; false when it had already ended. */
export async function endGrant(trx: Transaction<Database>, grantId: string, endedBy: GrantEndedBy, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('trusted_users')
    .set({ status: 'revoked', ended_at: now, ended_by: endedBy, invitation_token_hash: null, updated_at: now })
    .where('id', '=', grantId)
    .where('status', 'in', ['invited', 'active'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Clears the acting from the person's sessions for this account. The principal loader already
 * ignores acting without a live grant; clearing it keeps a later new grant from reviving old sessions.
 */
export async function endActingSessions(trx: Transaction<Database>, personAccountId: string, accountId: string): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ acting_for_account_id: null })
    .where('principal_kind', '=', 'account')
    .where('principal_id', '=', personAccountId)
    .where('acting_for_account_id', '=', accountId)
    .execute();
}

/** Sets (or, with null, clears) the account this one session acts for. */
export async function setSessionActing(trx: Transaction<Database>, sessionId: string, personAccountId: string, accountId: string | null): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ acting_for_account_id: accountId })
    .where('id', '=', sessionId)
    .where('principal_kind', '=', 'account')
    .where('principal_id', '=', personAccountId)
    .execute();
}

/** The newest audit entries of actions done for this account by someone acting for it. */
export async function recentActionsOnBehalfOf(db: Db, accountId: string, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(['id', 'seq', 'occurred_at', 'action', 'actor_type', 'actor_id'])
    .where('on_behalf_of', '=', accountId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
