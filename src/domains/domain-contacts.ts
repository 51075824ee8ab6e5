import type { Selectable } from 'kysely';
import { z } from 'zod';
import { countrySchema, emailSchema } from '../accounts/account-forms.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import type { RegistrarContact } from './registrar.adapter.js';
import { sealedDomainFields as f, type ContactRole, type DomainContactsTable } from './domains.tables.js';

/** One registry contact as people enter it. */
export interface ContactInput {
  readonly name: string;
  readonly organisation: string | null;
  readonly email: string;
  readonly phone: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

/** The four contacts of an order; null means "the registrant's details". */
export interface ContactsInput {
  readonly registrant: ContactInput;
  readonly admin: ContactInput | null;
  readonly tech: ContactInput | null;
  readonly billing: ContactInput | null;
}

const text = (max: number) => z.string().trim().min(1).max(max);
/** Registries want the international form: +, country code, number (EPP: +CC.NNNN). */
export const phoneSchema = z.string().trim().regex(/^\+[1-9][0-9 ./()-]{5,24}$/, 'must start with + and the country code, e.g. +49 30 1234567');

export const contactSchema = z.object({
  name: text(200),
  organisation: z.string().trim().max(200).nullish().transform((v) => (v ? v : null)),
  email: emailSchema,
  phone: phoneSchema,
  street: text(200),
  postalCode: text(20),
  city: text(100),
  country: countrySchema,
});

export const contactFieldNames = ['name', 'organisation', 'email', 'phone', 'street', 'postalCode', 'city', 'country'] as const;

export interface ContactView extends ContactInput {
  readonly role: ContactRole;
  readonly isAccountHolder: boolean;
  readonly registrySyncedAt: Date | null;
}

type ContactRow = Selectable<DomainContactsTable>;

/** The sealed columns of a contact row, each sealed with the contact's own subject key. */
export function sealContact(cipher: SubjectCipher, contact: ContactInput) {
  return {
    name_enc: cipher.encrypt(contact.name, f.contactName),
    organisation_enc: contact.organisation === null ? null : cipher.encrypt(contact.organisation, f.contactOrganisation),
    email_enc: cipher.encrypt(contact.email, f.contactEmail),
    phone_enc: cipher.encrypt(contact.phone, f.contactPhone),
    postal_address_enc: cipher.encrypt(JSON.stringify({ street: contact.street, postalCode: contact.postalCode, city: contact.city, country: contact.country }), f.contactAddress),
  };
}

export function openContact(cipher: SubjectCipher, row: ContactRow): ContactView {
  const address = JSON.parse(cipher.decrypt(row.postal_address_enc, f.contactAddress)) as { street: string; postalCode: string; city: string; country: string };
  return {
    role: row.role,
    isAccountHolder: row.is_account_holder,
    registrySyncedAt: row.registry_synced_at,
    name: cipher.decrypt(row.name_enc, f.contactName),
    organisation: row.organisation_enc ? cipher.decrypt(row.organisation_enc, f.contactOrganisation) : null,
    email: cipher.decrypt(row.email_enc, f.contactEmail),
    phone: cipher.decrypt(row.phone_enc, f.contactPhone),
    ...address,
  };
}

export function toRegistrarContact(contact: ContactInput): RegistrarContact {
  return {
    name: contact.name,
    organisation: contact.organisation,
    email: contact.email,
    phone: contact.phone,
    address: { street: contact.street, postalCode: contact.postalCode, city: contact.city, country: contact.country },
  };
}
