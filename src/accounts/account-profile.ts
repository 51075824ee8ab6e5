import type { Kysely, Transaction } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import { encryptedAccountFields } from './account-fields.js';
import { findAccountById, type AccountRow } from './accounts.store.js';

export interface AccountProfile {
  readonly id: string;
  readonly subjectId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: string | null;
  readonly locale: string;
  readonly emailVerified: boolean;
  readonly twoFactorEnabled: boolean;
}

/** The account with its sealed fields opened; for the owner's own views and for emails to them. */
export async function loadAccountProfile(db: Kysely<Database> | Transaction<Database>, keyring: Keyring, accountId: string): Promise<AccountProfile> {
  const row = await findAccountById(db, accountId);
  if (!row) throw new AppError('NOT_FOUND', 'No such account');
  return openAccountRow(db, keyring, row);
}

export async function openAccountRow(db: Kysely<Database> | Transaction<Database>, keyring: Keyring, row: AccountRow): Promise<AccountProfile> {
  const cipher = await keyring.forSubject(db, row.subject_id);
  return {
    id: row.id,
    subjectId: row.subject_id,
    email: cipher.decrypt(row.email_enc, encryptedAccountFields.email),
    firstName: cipher.decrypt(row.first_name_enc, encryptedAccountFields.firstName),
    lastName: cipher.decrypt(row.last_name_enc, encryptedAccountFields.lastName),
    country: row.country,
    locale: row.locale,
    emailVerified: row.email_verified_at !== null,
    twoFactorEnabled: row.totp_enabled_at !== null,
  };
}
