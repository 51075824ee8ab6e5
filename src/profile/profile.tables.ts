import type { Generated } from 'kysely';
import type { ActorType } from '../audit/audit.tables.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const contactRoles = ['billing', 'technical'] as const;
export type ContactRole = (typeof contactRoles)[number];

export interface CustomerProfilesTable {
  account_id: string;
  subject_id: string;
  phone_enc: Buffer | null;
  company_enc: Buffer | null;
  vat_id_enc: Buffer | null;
  address_lines_enc: Buffer | null;
  postal_code_enc: Buffer | null;
  city_enc: Buffer | null;
  region_enc: Buffer | null;
  country: string | null;
  pending_email_enc: Buffer | null;
  pending_email_lookup: Buffer | null;
  pending_email_token_hash: Buffer | null;
  pending_email_expires_at: Date | null;
  updated_at: Generated<Date>;
}

export interface AccountContactsTable {
  id: Generated<string>;
  account_id: string;
  subject_id: string;
  role: ContactRole;
  name_enc: Buffer;
  email_enc: Buffer;
  phone_enc: Buffer | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProfileChangesTable {
  id: Generated<string>;
  account_id: string;
  subject_id: string;
  contact_id: string | null;
  contact_role: ContactRole | null;
  field: string;
  old_value_enc: Buffer | null;
  new_value_enc: Buffer | null;
  actor_type: ActorType;
  actor_id: string | null;
  changed_at: Generated<Date>;
}

/** The Kysely tables of profile; merged into Database. */
export interface ProfileDatabase {
  customer_profiles: CustomerProfilesTable;
  account_contacts: AccountContactsTable;
  profile_changes: ProfileChangesTable;
}

const whileAccountOpen = { kind: 'while-subject-active', description: 'While the account is open; erased with the account.' } as const;
/** Tax law needs these on every invoice; billing copies them into the invoice, which keeps its own copy. */
const invoiceDetails = { purposes: ['dpv:ServiceProvision', 'dpv:LegalCompliance'] } as const;

export const customerProfilesTable = defineTable<CustomerProfilesTable>({
  table: 'customer_profiles',
  description: 'The customer\'s profile beyond sign-in: phone, company, VAT id and postal address; a pending change of the sign-in address.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:AccountManagement', 'dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: whileAccountOpen,
  columns: {
    account_id: notPersonal('the account the profile belongs to'),
    subject_id: notPersonal('link to the customer'),
    phone_enc: personal('pd:TelephoneNumber', deleteOnErasure, { encrypted: true, purposes: ['dpv:ServiceProvision', 'dpv:CustomerCare'], note: 'optional; for reaching the customer about their services' }),
    company_enc: personal('pd:Name', deleteOnErasure, { encrypted: true, ...invoiceDetails, note: 'company name; shown on invoices' }),
    vat_id_enc: personal('pd:Identifier', deleteOnErasure, { encrypted: true, ...invoiceDetails, note: 'VAT identification number: tax law (Art 6(1)(c)) requires it on invoices with reverse charge; invoices keep their own copy after erasure' }),
    address_lines_enc: personal('pd:PhysicalAddress', deleteOnErasure, { encrypted: true, ...invoiceDetails, note: 'billing address: tax law (Art 6(1)(c)) requires it on invoices; invoices keep their own copy after erasure' }),
    postal_code_enc: personal('pd:PhysicalAddress', deleteOnErasure, { encrypted: true, ...invoiceDetails }),
    city_enc: personal('pd:PhysicalAddress', deleteOnErasure, { encrypted: true, ...invoiceDetails }),
    region_enc: personal('pd:PhysicalAddress', deleteOnErasure, { encrypted: true, ...invoiceDetails }),
    country: personal('pd:Country', deleteOnErasure, { ...invoiceDetails, note: 'country of the postal address; plain like accounts.country, since billing chooses the VAT treatment by it' }),
    pending_email_enc: personal('pd:EmailAddress', deleteOnErasure, { encrypted: true, purposes: ['dpv:AccountManagement'], note: 'a new sign-in address waiting for confirmation from that mailbox; cleared when confirmed or replaced' }),
    pending_email_lookup: personal('pd:EmailAddress', deleteOnErasure, { purposes: ['dpv:AccountManagement'], note: 'keyed hash (blind index) of the pending address' }),
    pending_email_token_hash: notPersonal('SHA-256 of the emailed confirmation token'),
    pending_email_expires_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

export const accountContactsTable = defineTable<AccountContactsTable>({
  table: 'account_contacts',
  description: 'Billing and technical contacts a customer names for the account: other people, each a data subject with their own key.',
  dataSubjects: ['dpv:DataSubject'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:CommunicationForCustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'Until the customer removes the contact (which destroys the contact\'s key) or the account is erased.' },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the account the person is a contact of'),
    subject_id: notPersonal('the contact\'s own subject, so the contact can be erased on their own'),
    role: notPersonal('billing or technical'),
    name_enc: personal('pd:Name', deleteOnErasure, { encrypted: true }),
    email_enc: personal('pd:EmailAddress', deleteOnErasure, { encrypted: true }),
    phone_enc: personal('pd:TelephoneNumber', deleteOnErasure, { encrypted: true }),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

export const profileChangesTable = defineTable<ProfileChangesTable>({
  table: 'profile_changes',
  description: 'Rectification history (Art 16 GDPR): which field of the profile or a contact changed, old and new value, when and by whom; shown to the customer.',
  dataSubjects: ['dpv:Customer', 'dpv:DataSubject'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:AccountManagement'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the account is open. Erasing the customer deletes the whole history; removing a contact erases the values of that contact\'s entries and keeps only field names and times.' },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the account whose history this is'),
    subject_id: notPersonal('whose key seals the values: the customer, or the contact the entry is about'),
    contact_id: notPersonal('the contact the entry is about; kept after the contact is removed'),
    contact_role: notPersonal(),
    field: notPersonal('field name only'),
    old_value_enc: personal('pd:Identifier', deleteOnErasure, { encrypted: true, note: 'the value before the change (any profile or contact field); sealed with the subject\'s key, so shredding it erases every history value at once' }),
    new_value_enc: personal('pd:Identifier', deleteOnErasure, { encrypted: true, note: 'the value after the change' }),
    actor_type: notPersonal('customer, trusted user, staff or system'),
    // Like support_messages.author_id: an id of a person (possibly not the subject), so personal.
    actor_id: personal('pd:Identifier', deleteOnErasure, { note: 'pseudonymous id of who made the change: the customer\'s or a trusted user\'s account, or the staff member; the customer sees a trusted user\'s name (they chose whom to trust), never a staff member\'s; deleted with the history when the customer is erased' }),
    changed_at: notPersonal(),
  },
});

/** Data-map declarations of profile's tables. */
export const profileTables: readonly TableDeclaration[] = [customerProfilesTable, accountContactsTable, profileChangesTable];
