import type { Kysely, Transaction } from 'kysely';
import { findAccountById } from '../accounts/accounts.store.js';
import { encryptedAccountFields } from '../accounts/account-fields.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import type { AppDeps } from '../http/app-deps.js';
import { addressLinesOf } from './profile-fields.js';
import { findProfileRow } from './profile.store.js';
import { openProfileColumns } from './read-profile.js';

/** What an invoice names as its recipient; billing snapshots it into the invoice (tax law keeps that copy). */
export interface BillingProfile {
  /** "First Last" of the account holder. */
  readonly name: string;
  readonly company: string | null;
  /** Street and house number, then an optional second line; empty when no address is given. */
  readonly addressLines: readonly string[];
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly region: string | null;
  /** The address's country, else the customer's country of residence (ISO 3166-1 alpha-2). */
  readonly country: string | null;
  readonly vatId: string | null;
}

/**
 * The billing details of an account as they are now, for another capability (billing) to copy into
 * an invoice in its own transaction. Null when the account does not exist or has been erased.
 */
export async function readBillingProfile(deps: Pick<AppDeps, 'keyring'>, db: Kysely<Database> | Transaction<Database>, accountId: string): Promise<BillingProfile | null> {
  const account = await findAccountById(db, accountId);
  if (!account) return null;
  try {
    const cipher = await deps.keyring.forSubject(db, account.subject_id);
    const profile = openProfileColumns(cipher, await findProfileRow(db, accountId));
    const name = `${cipher.decrypt(account.first_name_enc, encryptedAccountFields.firstName)} ${cipher.decrypt(account.last_name_enc, encryptedAccountFields.lastName)}`;
    return {
      name,
      company: profile.company,
      addressLines: addressLinesOf(profile.address_lines),
      postalCode: profile.postal_code,
      city: profile.city,
      region: profile.region,
      country: profile.address_country ?? account.country,
      vatId: profile.vat_id,
    };
  } catch (error) {
    if (error instanceof SubjectKeyShreddedError) return null;
    throw error;
  }
}
