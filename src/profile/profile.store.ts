import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { AccountsTable } from '../accounts/accounts.tables.js';
import type { Database } from '../db/database.types.js';
import type { AccountContactsTable, CustomerProfilesTable, ProfileChangesTable } from './profile.tables.js';

export type CustomerProfileRow = Selectable<CustomerProfilesTable>;
export type AccountContactRow = Selectable<AccountContactsTable>;
export type ProfileChangeRow = Selectable<ProfileChangesTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** The columns of `accounts` this capability rectifies; sign-in and security columns stay with accounts. */
export type AccountProfileColumns = Pick<Updateable<AccountsTable>, 'first_name_enc' | 'last_name_enc' | 'country' | 'locale'>;
export type ProfileColumns = Omit<Updateable<CustomerProfilesTable>, 'account_id' | 'subject_id' | 'updated_at'>;

export async function findProfileRow(db: Db, accountId: string): Promise<CustomerProfileRow | undefined> {
  return db.selectFrom('customer_profiles').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** Serialises edits of one account: two saves at once cannot both diff against the same old values. */
export async function lockAccountForEdit(trx: Transaction<Database>, accountId: string) {
  return trx.selectFrom('accounts').selectAll().where('id', '=', accountId).forUpdate().executeTakeFirst();
}

export async function updateAccountProfileColumns(trx: Transaction<Database>, accountId: string, set: AccountProfileColumns, now: Date): Promise<void> {
  await trx.updateTable('accounts').set({ ...set, updated_at: now }).where('id', '=', accountId).execute();
}

/** Creates the profile row on first use, else updates only the given columns. */
export async function upsertProfile(trx: Transaction<Database>, accountId: string, subjectId: string, set: ProfileColumns, now: Date): Promise<void> {
  const values: Insertable<CustomerProfilesTable> = { account_id: accountId, subject_id: subjectId, updated_at: now, ...set } as Insertable<CustomerProfilesTable>;
  await trx
    .insertInto('customer_profiles')
    .values(values)
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...set, updated_at: now }))
    .execute();
}

/** The profile holding a live confirmation token for a new sign-in address, locked for the change. */
export async function findProfileByPendingToken(trx: Transaction<Database>, tokenHash: Buffer, now: Date): Promise<CustomerProfileRow | undefined> {
  return trx
    .selectFrom('customer_profiles')
    .selectAll()
    .where('pending_email_token_hash', '=', tokenHash)
    .where('pending_email_expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

export async function clearPendingEmail(trx: Transaction<Database>, accountId: string, now: Date): Promise<void> {
  await trx
    .updateTable('customer_profiles')
    .set({ pending_email_enc: null, pending_email_lookup: null, pending_email_token_hash: null, pending_email_expires_at: null, updated_at: now })
    .where('account_id', '=', accountId)
    .execute();
}

/** The new sign-in address, proven by its mailbox: sealed value, blind index and verification time. */
export async function replaceSignInEmail(trx: Transaction<Database>, accountId: string, emailEnc: Buffer, emailLookup: Buffer, now: Date): Promise<void> {
  await trx.updateTable('accounts').set({ email_enc: emailEnc, email_lookup: emailLookup, email_verified_at: now, updated_at: now }).where('id', '=', accountId).execute();
}

/** Whether another account signs in with this address (blind index). */
export async function emailUsedByAnotherAccount(db: Db, emailLookup: Buffer, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('email_lookup', '=', emailLookup).where('id', '!=', accountId).executeTakeFirst();
  return row !== undefined;
}

export async function insertProfileChanges(trx: Transaction<Database>, rows: readonly Insertable<ProfileChangesTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('profile_changes').values([...rows]).execute();
}

/** The account's history, newest first; never another account's. Without `includeContacts`, only the customer's own fields. */
export async function historyOfAccount(db: Db, accountId: string, limit: number, includeContacts: boolean): Promise<ProfileChangeRow[]> {
  let query = db.selectFrom('profile_changes').selectAll().where('account_id', '=', accountId);
  if (!includeContacts) query = query.where('contact_id', 'is', null);
  return query.orderBy('changed_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function contactsOfAccount(db: Db, accountId: string): Promise<AccountContactRow[]> {
  return db.selectFrom('account_contacts').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
}

/** One contact, only when it belongs to the account. */
export async function contactOfAccount(db: Db, accountId: string, contactId: string): Promise<AccountContactRow | undefined> {
  return db.selectFrom('account_contacts').selectAll().where('id', '=', contactId).where('account_id', '=', accountId).executeTakeFirst();
}

export async function countContacts(db: Db, accountId: string): Promise<number> {
  const row = await db.selectFrom('account_contacts').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertContact(trx: Transaction<Database>, row: Insertable<AccountContactsTable>): Promise<string> {
  const inserted = await trx.insertInto('account_contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateContact(trx: Transaction<Database>, accountId: string, contactId: string, set: Pick<Updateable<AccountContactsTable>, 'role' | 'name_enc' | 'email_enc' | 'phone_enc'>, now: Date): Promise<void> {
  await trx.updateTable('account_contacts').set({ ...set, updated_at: now }).where('id', '=', contactId).where('account_id', '=', accountId).execute();
}

export async function deleteContact(trx: Transaction<Database>, accountId: string, contactId: string): Promise<void> {
  await trx.deleteFrom('account_contacts').where('id', '=', contactId).where('account_id', '=', accountId).execute();
}

/** A removed contact's history keeps field names and times; the values go with the person. */
export async function eraseContactHistoryValues(trx: Transaction<Database>, accountId: string, contactId: string): Promise<void> {
  await trx.updateTable('profile_changes').set({ old_value_enc: null, new_value_enc: null }).where('account_id', '=', accountId).where('contact_id', '=', contactId).execute();
}

/** Marks a contact's subject erased once its key is destroyed (the id stays as proof). */
export async function markSubjectErased(trx: Transaction<Database>, subjectId: string, now: Date): Promise<void> {
  await trx.updateTable('subjects').set({ erased_at: now }).where('id', '=', subjectId).where('kind', '=', 'contact').execute();
}
