import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';

/** What a request needs to know about the signed-in customer. */
export async function findAccountForSession(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'subject_id', 'status', 'email_verified_at', 'locale'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export async function findStaffForSession(db: Kysely<Database>, staffId: string) {
  return db
    .selectFrom('staff_members')
    .select(['id', 'subject_id', 'status', 'role', 'totp_enabled_at'])
    .where('id', '=', staffId)
    .executeTakeFirst();
}

/** The live grant that lets a person act for an account; none once revoked or the account is not active. */
export async function findActingGrant(db: Kysely<Database>, personAccountId: string, accountId: string) {
  return db
    .selectFrom('trusted_users')
    .innerJoin('accounts', 'accounts.id', 'trusted_users.account_id')
    .select(['trusted_users.id as grantId', 'trusted_users.areas', 'accounts.subject_id as subjectId'])
    .where('trusted_users.person_account_id', '=', personAccountId)
    .where('trusted_users.account_id', '=', accountId)
    .where('trusted_users.status', '=', 'active')
    .where('accounts.status', '=', 'active')
    .executeTakeFirst();
}
