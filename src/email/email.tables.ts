import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

/** Service messages are part of the contract (no opt-out); marketing needs recorded consent. */
export const messageClasses = ['service', 'marketing'] as const;
export type MessageClass = (typeof messageClasses)[number];
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'blocked';

export interface OutboxEmailsTable {
  id: Generated<string>;
  subject_id: string;
  message_class: MessageClass;
  template: string;
  envelope_enc: Buffer;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  sent_at: Date | null;
  last_error: string | null;
  transport_message_id: string | null;
  created_at: Generated<Date>;
}

export const outboxEmailsTable = defineTable<OutboxEmailsTable>({
  table: 'outbox_emails',
  description: 'Emails written in the same transaction as the event that causes them, delivered by the worker.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee', 'dpv:JobApplicant'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:CommunicationForCustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'after', column: 'created_at', period: { config: 'sentEmail' }, description: 'Removed after the configured period (default 30 days).' },
  columns: {
    id: notPersonal(),
    subject_id: notPersonal('link to the recipient'),
    message_class: notPersonal(),
    template: notPersonal(),
    envelope_enc: personal('pd:Communication', deleteOnErasure, { encrypted: true, note: 'recipient address, subject line and body' }),
    status: notPersonal(),
    attempts: notPersonal(),
    next_attempt_at: notPersonal(),
    sent_at: notPersonal(),
    last_error: notPersonal(),
    transport_message_id: notPersonal(),
    created_at: notPersonal(),
  },
});
