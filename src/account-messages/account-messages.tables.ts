import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const messageCategories = ['policy_change', 'maintenance', 'security', 'billing', 'abuse'] as const;
export type MessageCategory = (typeof messageCategories)[number];

export interface AccountMessagesTable {
  id: Generated<string>;
  account_id: string;
  subject_id: string;
  category: MessageCategory;
  title_enc: Buffer;
  body_enc: Buffer;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export const accountMessagesTable = defineTable<AccountMessagesTable>({
  table: 'account_messages',
  description: 'The account inbox: service messages to a customer (policy changes, maintenance, security, billing).',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:CommunicationForCustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the account is open; erased with the account.' },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the account whose inbox holds the message'),
    subject_id: notPersonal('link to the customer'),
    category: notPersonal(),
    title_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true }),
    body_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true }),
    created_at: notPersonal(),
    read_at: notPersonal('when the customer opened it'),
  },
});
