import type { ContactRole } from './profile.tables.js';

/**
 * The profile fields a customer can rectify, by their stable name in the history. Names, the
 * country of residence, the language and the sign-in address live in `accounts`; the rest in
 * `customer_profiles`.
 */
export const profileFields = ['first_name', 'last_name', 'country', 'locale', 'phone', 'company', 'vat_id', 'address_lines', 'postal_code', 'city', 'region', 'address_country'] as const;
export type ProfileField = (typeof profileFields)[number];

/** History fields of a contact; `contact.removed` marks a removal. */
export const contactFields = ['contact.name', 'contact.email', 'contact.phone', 'contact.role', 'contact.removed'] as const;
export type ContactField = (typeof contactFields)[number];

/** Every field the history can name (`email` is the sign-in address, changed by confirmation). */
export type HistoryField = ProfileField | ContactField | 'email';

/** Values of the editable profile; null means not given. Address lines are joined with newlines. */
export type ProfileValues = Record<ProfileField, string | null>;

/** Where each sealed value lives; also the AAD binding the ciphertext to its column. */
export const sealedProfileFields = {
  phone: 'customer_profiles.phone_enc',
  company: 'customer_profiles.company_enc',
  vat_id: 'customer_profiles.vat_id_enc',
  address_lines: 'customer_profiles.address_lines_enc',
  postal_code: 'customer_profiles.postal_code_enc',
  city: 'customer_profiles.city_enc',
  region: 'customer_profiles.region_enc',
  pendingEmail: 'customer_profiles.pending_email_enc',
} as const;

export const sealedContactFields = {
  name: 'account_contacts.name_enc',
  email: 'account_contacts.email_enc',
  phone: 'account_contacts.phone_enc',
} as const;

export const sealedHistoryFields = {
  oldValue: 'profile_changes.old_value_enc',
  newValue: 'profile_changes.new_value_enc',
} as const;

export interface ContactValues {
  readonly role: ContactRole;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
}

/** How long an emailed link to confirm a new sign-in address works. */
export const emailChangeValidity = 'PT24H';

/** Enough for a household or a company's departments; more is likely abuse. */
export const maxContactsPerAccount = 20;

export function addressLinesOf(joined: string | null): string[] {
  return joined ? joined.split('\n') : [];
}
