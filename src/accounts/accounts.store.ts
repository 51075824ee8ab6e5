import type { Kysely, Selectable, Transaction, Insertable } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AccountStatus, AccountsTable } from './accounts.tables.js';

export type AccountRow = Selectable<AccountsTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** A new account starts unverified, without two-factor and unlocked; the caller gives the rest. */
export async function insertAccount(trx: Transaction<Database>, row: Omit<Insertable<AccountsTable>, 'email_verified_at' | 'totp_secret_enc' | 'totp_enabled_at' | 'totp_last_step' | 'locked_until'>): Promise<string> {
  const inserted = await trx.insertInto('accounts').values({ ...row, email_verified_at: null, totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, locked_until: null }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findAccountByEmailLookup(db: Db, emailLookup: Buffer): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email_lookup', '=', emailLookup).executeTakeFirst();
}

export async function findAccountById(db: Db, accountId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

/** Returns false when the address was already verified. */
export async function markEmailVerified(trx: Transaction<Database>, accountId: string, now: Date): Promise<boolean> {
  const result = await trx.updateTable('accounts').set({ email_verified_at: now, updated_at: now }).where('id', '=', accountId).where('email_verified_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new password also clears the sign-in lock: whoever set it proved control of the account. */
export async function updatePassword(trx: Transaction<Database>, accountId: string, passwordHash: string, now: Date): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({ password_hash: passwordHash, password_changed_at: now, failed_sign_ins: 0, locked_until: null, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

/** Moves an account from one state to another; false when it was not in `from` (a concurrent change is never overwritten). */
export async function changeAccountStatus(trx: Transaction<Database>, accountId: string, from: AccountStatus, to: AccountStatus, now: Date): Promise<boolean> {
  const result = await trx.updateTable('accounts').set({ status: to, updated_at: now }).where('id', '=', accountId).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
