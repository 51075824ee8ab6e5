import type { Kysely, Transaction } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import type { ContactRole } from './profile.tables.js';
import { sealedContactFields } from './profile-fields.js';
import { contactOfAccount, contactsOfAccount, type AccountContactRow } from './profile.store.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ContactView {
  readonly id: string;
  readonly subjectId: string;
  readonly role: ContactRole;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
}

/** Opens a contact with the contact's own key. */
export async function openContact(db: Db, keyring: Keyring, row: AccountContactRow): Promise<ContactView> {
  const cipher = await keyring.forSubject(db, row.subject_id);
  return {
    id: row.id,
    subjectId: row.subject_id,
    role: row.role,
    name: cipher.decrypt(row.name_enc, sealedContactFields.name),
    email: cipher.decrypt(row.email_enc, sealedContactFields.email),
    phone: row.phone_enc ? cipher.decrypt(row.phone_enc, sealedContactFields.phone) : null,
  };
}

/** The account's billing and technical contacts, oldest first. */
export async function listContacts(db: Db, keyring: Keyring, accountId: string): Promise<ContactView[]> {
  const rows = await contactsOfAccount(db, accountId);
  return Promise.all(rows.map((row) => openContact(db, keyring, row)));
}

/** One contact of the account; another account's contact is simply not found. */
export async function readContact(db: Db, keyring: Keyring, accountId: string, contactId: string): Promise<ContactView> {
  const row = await contactOfAccount(db, accountId, contactId);
  if (!row) throw new AppError('NOT_FOUND', 'No such contact on this account');
  return openContact(db, keyring, row);
}

export function contactJson(contact: ContactView) {
  return { id: contact.id, role: contact.role, name: contact.name, email: contact.email, phone: contact.phone };
}
