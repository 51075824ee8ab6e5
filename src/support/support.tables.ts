import type { Generated } from 'kysely';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const ticketStatuses = ['open', 'awaiting_customer', 'awaiting_staff', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const authorKinds = ['customer', 'staff', 'trusted_user'] as const;
export type AuthorKind = (typeof authorKinds)[number];

export interface SupportDepartmentsTable {
  id: string;
  name: string;
  position: number;
  active: Generated<boolean>;
}

export interface SupportTicketsTable {
  id: Generated<string>;
  reference: string;
  account_id: string;
  subject_id: string;
  department_id: string;
  subject_enc: Buffer;
  status: Generated<TicketStatus>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Date | null;
}

export interface SupportMessagesTable {
  id: Generated<string>;
  ticket_id: string;
  subject_id: string;
  author_kind: AuthorKind;
  author_id: string | null;
  body_enc: Buffer;
  internal: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SupportAttachmentsTable {
  id: Generated<string>;
  message_id: string;
  subject_id: string;
  filename_enc: Buffer;
  media_type_enc: Buffer;
  content_enc: Buffer;
  size_bytes: number;
  created_at: Generated<Date>;
}

/** The Kysely tables of support; merged into Database. */
export interface SupportDatabase {
  support_departments: SupportDepartmentsTable;
  support_tickets: SupportTicketsTable;
  support_messages: SupportMessagesTable;
  support_attachments: SupportAttachmentsTable;
}

/** The AAD field names of sealed support values (each sealed with the ticket's customer's key). */
export const sealedSupportFields = {
  subject: 'support_tickets.subject_enc',
  body: 'support_messages.body_enc',
  filename: 'support_attachments.filename_enc',
  mediaType: 'support_attachments.media_type_enc',
  content: 'support_attachments.content_enc',
} as const;

const ticketLifetime = 'Lives as long as its ticket: deleted with it when the closed-tickets period after closing ends, or when the customer is erased.';

export const supportDepartmentsTable = defineTable<SupportDepartmentsTable>({
  table: 'support_departments',
  description: 'The departments a ticket can be addressed to (General, Technical, Billing, Abuse).',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'configuration of the support desk; about no person' },
  purposes: ['dpv:CustomerCare'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Kept while the instance runs.' },
  columns: {
    id: notPersonal('stable key, also the message-catalogue key of its name'),
    name: notPersonal('name shown when the catalogue has none'),
    position: notPersonal(),
    active: notPersonal('inactive departments take no new tickets'),
  },
});

export const supportTicketsTable = defineTable<SupportTicketsTable>({
  table: 'support_tickets',
  description: 'Support tickets a customer (or a trusted user for them) opened; card numbers in the subject line are masked on arrival.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:CustomerCare', 'dpv:CommunicationForCustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'after', column: 'closed_at', period: { config: 'closedTickets' }, description: 'Open tickets are kept while the account is active; closed tickets are deleted when the closed-tickets period after closing ends.' },
  columns: {
    id: notPersonal(),
    reference: notPersonal('short random public reference (T-XXXXXX) quoted in emails and by staff'),
    account_id: notPersonal('the account the ticket belongs to'),
    subject_id: notPersonal('link to the customer'),
    department_id: notPersonal(),
    subject_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true, note: 'the subject line; appears in email notifications and staff lists, so the customer is warned about sensitive identifiers in it' }),
    status: notPersonal(),
    created_at: notPersonal(),
    updated_at: notPersonal(),
    closed_at: notPersonal('start of the retention period'),
  },
});

export const supportMessagesTable = defineTable<SupportMessagesTable>({
  table: 'support_messages',
  description: 'The messages of a ticket: the customer\'s and trusted users\' messages, staff replies and staff-only internal notes. Staff-authored text sits in the customer\'s ticket, sealed with the customer\'s key.',
  dataSubjects: ['dpv:Customer', 'dpv:User', 'dpv:Employee'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:CustomerCare', 'dpv:CommunicationForCustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: ticketLifetime },
  columns: {
    id: notPersonal(),
    ticket_id: notPersonal(),
    subject_id: notPersonal('link to the customer whose ticket holds the message'),
    author_kind: notPersonal('customer, trusted user or staff'),
    author_id: personal('pd:Identifier', deleteOnErasure, { note: 'the account of the customer or trusted user, or the staff member, who wrote it; empty for the support team as a whole' }),
    body_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true, note: 'card numbers masked on arrival; staff replies and internal notes about the customer are stored here too' }),
    internal: notPersonal('a staff-only internal note, never shown to the customer'),
    created_at: notPersonal(),
  },
});

export const supportAttachmentsTable = defineTable<SupportAttachmentsTable>({
  table: 'support_attachments',
  description: 'Files attached to ticket messages (PDF, PNG, JPEG, plain text); card numbers in file names are masked on arrival.',
  dataSubjects: ['dpv:Customer', 'dpv:User'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:CustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: ticketLifetime },
  columns: {
    id: notPersonal(),
    message_id: notPersonal(),
    subject_id: notPersonal('link to the customer whose ticket holds the file'),
    filename_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true, note: 'the customer is warned about sensitive identifiers in file names' }),
    media_type_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true, note: 'sniffed from the content' }),
    content_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true }),
    size_bytes: notPersonal(),
    created_at: notPersonal(),
  },
});

/** Data-map declarations of support's tables. */
export const supportTables: readonly TableDeclaration[] = [supportDepartmentsTable, supportTicketsTable, supportMessagesTable, supportAttachmentsTable];
