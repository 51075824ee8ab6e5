import type { Generated } from 'kysely';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const domainStatuses = ['pending_payment', 'pending_documents', 'registering', 'transfer_pending', 'active', 'expired', 'failed', 'cancelled'] as const;
export type DomainStatus = (typeof domainStatuses)[number];

export const contactRoles = ['registrant', 'admin', 'tech', 'billing'] as const;
export type ContactRole = (typeof contactRoles)[number];

/** Contact fields the registrant may choose to have published (RDAP reads the choice). */
export const publishableFields = ['name', 'organisation', 'email', 'phone', 'address'] as const;
export type PublishableField = (typeof publishableFields)[number];

export const orderKinds = ['register', 'transfer', 'renew'] as const;
export type OrderKind = (typeof orderKinds)[number];

export const orderStatuses = ['awaiting_payment', 'paid', 'submitted', 'completed', 'failed', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const documentTypes = ['passport', 'national_id', 'driving_licence', 'company_registration'] as const;
export type DocumentType = (typeof documentTypes)[number];

export const documentStatuses = ['pending', 'approved', 'rejected'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export interface DomainTldsTable {
  tld: string;
  yearly_price_cents: number;
  transfer_price_cents: number;
  requires_identity_document: boolean;
  max_years: number;
  position: number;
}

export interface DomainsTable {
  id: Generated<string>;
  account_id: string;
  subject_id: string;
  fqdn: string;
  tld: string;
  status: DomainStatus;
  registered_at: Date | null;
  expires_at: Date | null;
  transfer_auth_code_enc: Buffer | null;
  publish_contact_data: Generated<boolean>;
  published_fields: Generated<string[]>;
  publication_chosen_at: Date | null;
  identity_verified_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DomainContactsTable {
  id: Generated<string>;
  domain_id: string;
  role: ContactRole;
  subject_id: string;
  is_account_holder: boolean;
  name_enc: Buffer;
  organisation_enc: Buffer | null;
  email_enc: Buffer;
  phone_enc: Buffer;
  postal_address_enc: Buffer;
  registry_synced_at: Date | null;
  updated_at: Generated<Date>;
}

export interface DomainOrdersTable {
  id: Generated<string>;
  domain_id: string;
  kind: OrderKind;
  years: number;
  invoice_id: string;
  status: OrderStatus;
  registry_operation: string | null;
  failure_reason: string | null;
  created_at: Generated<Date>;
  paid_at: Date | null;
  submitted_at: Date | null;
  finished_at: Date | null;
}

export interface DomainDocumentsTable {
  id: Generated<string>;
  domain_id: string;
  subject_id: string;
  document_type_enc: Buffer;
  filename_enc: Buffer;
  media_type_enc: Buffer;
  content_enc: Buffer;
  status: Generated<DocumentStatus>;
  uploaded_at: Generated<Date>;
  decided_at: Date | null;
  decided_by: string | null;
  reason_enc: Buffer | null;
}

/** The Kysely tables of domains; merged into Database. */
export interface DomainsDatabase {
  domain_tlds: DomainTldsTable;
  domains: DomainsTable;
  domain_contacts: DomainContactsTable;
  domain_orders: DomainOrdersTable;
  domain_documents: DomainDocumentsTable;
}

/** AAD field names of sealed values; each is sealed with the key of the row's subject. */
export const sealedDomainFields = {
  authCode: 'domains.transfer_auth_code_enc',
  contactName: 'domain_contacts.name_enc',
  contactOrganisation: 'domain_contacts.organisation_enc',
  contactEmail: 'domain_contacts.email_enc',
  contactPhone: 'domain_contacts.phone_enc',
  contactAddress: 'domain_contacts.postal_address_enc',
  documentType: 'domain_documents.document_type_enc',
  documentFilename: 'domain_documents.filename_enc',
  documentMediaType: 'domain_documents.media_type_enc',
  documentContent: 'domain_documents.content_enc',
  documentReason: 'domain_documents.reason_enc',
} as const;

export const domainTldsTable = defineTable<DomainTldsTable>({
  table: 'domain_tlds',
  description: 'The TLD catalogue: yearly and transfer prices, and which registries require an identity document.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'a price list; about no person' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Kept while the instance runs.' },
  columns: {
    tld: notPersonal(),
    yearly_price_cents: notPersonal('net, smallest currency unit'),
    transfer_price_cents: notPersonal('net; a transfer includes one year'),
    requires_identity_document: notPersonal('the registry requires the registrant to prove their identity'),
    max_years: notPersonal('longest registration period the registry allows'),
    position: notPersonal('order in lists'),
  },
});

const whileAccount = 'While the account holds the domain; deleted with the account when the customer is erased.';

export const domainsTable = defineTable<DomainsTable>({
  table: 'domains',
  description: 'Domains a customer registered or transferred to us, their state at the registry, and the registrant\'s publication choice for RDAP.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: whileAccount },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the account holding the domain'),
    subject_id: notPersonal('link to the customer (the registrant)'),
    fqdn: personal('pd:Identifier', deleteOnErasure, { note: 'a domain held by a natural person identifies them through the registration data' }),
    tld: notPersonal(),
    status: notPersonal(),
    registered_at: notPersonal(),
    expires_at: notPersonal(),
    transfer_auth_code_enc: personal('pd:Authenticating', deleteOnErasure, { encrypted: true, note: 'only until the transfer finishes, fails, or its unpaid order expires or is cancelled; cleared then' }),
    publish_contact_data: personal('pd:Preference', deleteOnErasure, { note: 'default false: nothing published that registry rules allow to hide' }),
    published_fields: personal('pd:Preference', deleteOnErasure, { note: 'which contact fields the registrant chose to publish; empty when not published' }),
    publication_chosen_at: personal('pd:Preference', deleteOnErasure, { note: 'when the registrant made the choice; null means the default was never changed' }),
    identity_verified_at: notPersonal('when staff approved an identity document; outlives the deleted document'),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

/**
 * The four registry contacts of a domain. A contact that is the account holder links to the
 * customer's subject and is sealed with the customer's key. Anyone else the customer names gets
 * a subject of its own (kind 'contact', one per domain and role) and its own key, so that person
 * can be erased on their own, and a replaced contact is shredded at once.
 */
export const domainContactsTable = defineTable<DomainContactsTable>({
  table: 'domain_contacts',
  description: 'Registrant, administrative, technical and billing contacts of each domain, as sent to the registry.',
  dataSubjects: ['dpv:Customer', 'dpv:DataSubject'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-f',
  legitimateInterest: 'Registries require administrative, technical and billing contacts for every domain; the customer may name other people for them. For the customer themself the contract applies (Art 6(1)(b)).',
  retention: { kind: 'while-subject-active', description: 'While the domain is held; a replaced contact is deleted and its key shredded at once.' },
  columns: {
    id: notPersonal(),
    domain_id: notPersonal(),
    role: notPersonal(),
    subject_id: notPersonal('the customer, or the contact\'s own subject'),
    is_account_holder: notPersonal(),
    name_enc: personal('pd:Name', deleteOnErasure, { encrypted: true }),
    organisation_enc: personal('pd:Name', deleteOnErasure, { encrypted: true, note: 'organisation name, when the contact acts for one' }),
    email_enc: personal('pd:EmailAddress', deleteOnErasure, { encrypted: true }),
    phone_enc: personal('pd:TelephoneNumber', deleteOnErasure, { encrypted: true }),
    postal_address_enc: personal('pd:PhysicalAddress', deleteOnErasure, { encrypted: true }),
    registry_synced_at: notPersonal('when the registry last confirmed this contact'),
    updated_at: notPersonal(),
  },
});

export const domainOrdersTable = defineTable<DomainOrdersTable>({
  table: 'domain_orders',
  description: 'Each registration, transfer and renewal of a domain: its invoice and its operation at the registry.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'ids, states and dates only; the domain row carries the subject' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: null,
  retention: { kind: 'while-subject-active', description: whileAccount },
  columns: {
    id: notPersonal(),
    domain_id: notPersonal(),
    kind: notPersonal(),
    years: notPersonal(),
    invoice_id: notPersonal('the invoice paying for this order; billing keeps invoices under tax law'),
    status: notPersonal(),
    registry_operation: notPersonal('the registrar\'s operation id'),
    failure_reason: notPersonal('a reason code from the registrar, never free text'),
    created_at: notPersonal(),
    paid_at: notPersonal(),
    submitted_at: notPersonal(),
    finished_at: notPersonal(),
  },
});

export const domainDocumentsTable = defineTable<DomainDocumentsTable>({
  table: 'domain_documents',
  description: 'Identity documents a registrant uploads where the registry requires one; reviewed by staff with the permission, deleted after the decision, or with the order when an unpaid order expires or is cancelled.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'after', column: 'decided_at', period: { config: 'idDocuments' }, description: 'Deleted a set time after staff approved or rejected it; the approval itself stays on the domain. A document nobody decided on is deleted at once when its unpaid order expires or is cancelled.' },
  columns: {
    id: notPersonal(),
    domain_id: notPersonal(),
    subject_id: notPersonal('link to the registrant (the customer)'),
    document_type_enc: personal('pd:OfficialID', deleteOnErasure, { encrypted: true, note: 'passport, national ID, driving licence or company registration' }),
    filename_enc: personal('pd:OfficialID', deleteOnErasure, { encrypted: true, note: 'file names often carry the person\'s name' }),
    media_type_enc: personal('pd:OfficialID', deleteOnErasure, { encrypted: true, note: 'sealed with the document it describes' }),
    content_enc: personal('pd:OfficialID', deleteOnErasure, { encrypted: true }),
    status: notPersonal(),
    uploaded_at: notPersonal(),
    decided_at: notPersonal(),
    decided_by: personal('pd:Identifier', { action: 'deattribute' }, { note: 'staff member id of the reviewer' }),
    reason_enc: personal('pd:OfficialID', deleteOnErasure, { encrypted: true, note: 'why the reviewer decided so' }),
  },
});

/** Data-map declarations of domains' tables. */
export const domainsTables: readonly TableDeclaration[] = [domainTldsTable, domainsTable, domainContactsTable, domainOrdersTable, domainDocumentsTable];
