import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';

export const recordReasonKinds = ['ticket', 'text'] as const;
export type RecordReasonKind = (typeof recordReasonKinds)[number];

export const abuseCategories = ['spam', 'phishing', 'malware', 'fraud', 'other'] as const;
export type AbuseCategory = (typeof abuseCategories)[number];

export interface CustomerRecordGrantsTable {
  id: Generated<string>;
  staff_id: string;
  subject_id: string;
  reason_kind: RecordReasonKind;
  ticket_id: string | null;
  reason_enc: Buffer | null;
  granted_at: Generated<Date>;
  expires_at: Date;
}

export interface AbuseBlocksTable {
  id: Generated<string>;
  account_id: string | null;
  subject_id: string;
  category: AbuseCategory;
  email_hash: Buffer;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** The Kysely tables of customer-records; merged into Database. */
export interface CustomerRecordsDatabase {
  customer_record_grants: CustomerRecordGrantsTable;
  abuse_blocks: AbuseBlocksTable;
}

/** Who opened a customer's full record must stay provable as long as the audit trail that names the grant. */
const keepForAccountability = {
  action: 'keep',
  legalBasis: 'eu-gdpr:A6-1-c',
  reason: 'Art 5(2) and 24 GDPR: the controller must be able to show which staff member opened whose record, when and on what ground.',
  period: { config: 'taxRecords' },
} as const;

export const customerRecordGrantsTable = defineTable<CustomerRecordGrantsTable>({
  table: 'customer_record_grants',
  description: 'Time-limited access of one staff member to one customer\'s full record, with the reason they gave (a support ticket or a sealed free-text reason).',
  dataSubjects: ['dpv:Customer', 'dpv:Employee'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:RecordManagement'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: { kind: 'after', column: 'granted_at', period: { config: 'taxRecords' }, description: 'Kept as long as the audit trail that references the grant, then deleted.' },
  columns: {
    id: notPersonal('referenced by the audit events of the access'),
    staff_id: personal('pd:Identifier', keepForAccountability, { note: 'pseudonymous id of the staff member who asked for access' }),
    subject_id: personal('pd:Identifier', keepForAccountability, { note: 'pseudonymous id of the customer whose record was opened' }),
    reason_kind: notPersonal(),
    ticket_id: notPersonal('the support ticket that justified the access'),
    // The reason is about the customer, so it is sealed with the customer's key: their erasure
    // shreds it while the ids above still prove that (and when) the record was opened.
    reason_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true, note: 'free-text reason for the access; crypto-shredded with the customer' }),
    granted_at: notPersonal(),
    expires_at: notPersonal(),
  },
});

/** Hashes of a suspended person must outlive their account: that is the whole point of them (promise F37). */
const keepForFraudPrevention = {
  action: 'keep',
  legalBasis: 'eu-gdpr:A6-1-f',
  reason: 'Stopping a person suspended for abuse from opening a new account (Recital 47 GDPR: fraud prevention); only keyed hashes are kept.',
  period: { config: 'abuseIdentifiers' },
} as const;

export const abuseBlocksTable = defineTable<AbuseBlocksTable>({
  table: 'abuse_blocks',
  description: 'Keyed hash (HMAC-SHA256) of the sign-in address of an account suspended for abuse, so the same person cannot sign up again with it. Only what sign-up checks is kept: no phone number or other identifier.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:FraudPreventionAndDetection'],
  legalBasis: 'eu-gdpr:A6-1-f',
  legitimateInterest: 'Fraud prevention (Recital 47 GDPR): keeping people whose accounts we suspended for spam, phishing, malware or fraud from opening a new account.',
  retention: { kind: 'after', column: 'created_at', period: { config: 'abuseIdentifiers' }, description: 'Deleted after the abuse-identifier period, or at once when the suspension is lifted.' },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the suspended account while it exists; used to lift the suspension'),
    subject_id: personal('pd:Identifier', keepForFraudPrevention, { note: 'pseudonymous id of the suspended customer' }),
    category: notPersonal('spam, phishing, malware, fraud or other'),
    email_hash: personal('pd:EmailAddress', keepForFraudPrevention, { note: 'HMAC-SHA256 of the address, trimmed and lower-cased; the address itself is not kept' }),
    created_by: personal('pd:Identifier', keepForFraudPrevention, { note: 'pseudonymous id of the staff member who suspended the account; empty when the system did' }),
    created_at: notPersonal(),
  },
});

/** Data-map declarations of customer-records's tables. */
export const customerRecordsTables: readonly TableDeclaration[] = [customerRecordGrantsTable, abuseBlocksTable];
