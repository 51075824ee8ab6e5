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
