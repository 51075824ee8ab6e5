import type { Kysely, Transaction } from 'kysely';
import { openAccountRow } from '../accounts/account-profile.js';
import { findAccountById } from '../accounts/accounts.store.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import type { AppDeps } from '../http/app-deps.js';
import type { ContactRole } from './profile.tables.js';
import { findProfileRow } from './profile.store.js';
import { listContacts } from './read-contacts.js';
import { openProfileColumns } from './read-profile.js';

export interface ContactDetails {
  /** "First Last" of the account holder. */
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly contacts: ReadonlyArray<{ readonly id: string; readonly role: ContactRole; readonly name: string; readonly email: string; readonly phone: string | null }>;
}

/**
 * How to reach the account holder and their billing and technical contacts, for the staff console.
 * The caller records the staff member's access in the audit trail. Null when the account does not
 * exist or has been erased.
 */
export async function readContactDetails(deps: Pick<AppDeps, 'keyring'>, db: Kysely<Database> | Transaction<Database>, accountId: string): Promise<ContactDetails | null> {
  const account = await findAccountById(db, accountId);
  if (!account) return null;
  try {
    const holder = await openAccountRow(db, deps.keyring, account);
    const cipher = await deps.keyring.forSubject(db, account.subject_id);
    const { phone } = openProfileColumns(cipher, await findProfileRow(db, accountId));
    const contacts = await listContacts(db, deps.keyring, accountId);
    return {
      name: `${holder.firstName} ${holder.lastName}`,
      email: holder.email,
      phone,
      contacts: contacts.map((c) => ({ id: c.id, role: c.role, name: c.name, email: c.email, phone: c.phone })),
    };
  } catch (error) {
    if (error instanceof SubjectKeyShreddedError) return null;
    throw error;
  }
}
