import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const notifyStatuses = ['none', 'queued', 'running', 'done'] as const;
export type NotifyStatus = (typeof notifyStatuses)[number];

export interface PolicyVersionsTable {
  id: Generated<string>;
  version: number;
  /** 'YYYY-MM-DD'; always selected as text. */
  effective_date: string;
  published_at: Generated<Date>;
  /** Subject id of the staff member who published it; null after their erasure. */
  published_by: string | null;
  /** { register, dataMap, retention }: everything the notice is rendered from, frozen. */
  snapshot: unknown;
  notice_text_hash: string;
  changes: unknown;
  requires_acceptance: boolean;
  notify_status: NotifyStatus;
  notify_total: number;
  notify_done: Generated<number>;
}

export interface PolicyChangeNoticesTable {
  version_id: string;
  account_id: string;
  subject_id: string;
  notified_at: Generated<Date>;
}

export interface PolicyAcceptancesTable {
  account_id: string;
  subject_id: string;
  version_id: string;
  accepted_at: Generated<Date>;
  ip_truncated: string | null;
}

export const policyVersionsTable = defineTable<PolicyVersionsTable>({
  table: 'policy_versions',
  description: 'Published versions of the privacy notice: an immutable snapshot of the register and data map, with effective date and notification progress.',
  dataSubjects: ['dpv:Employee'],
  subjectLink: { via: 'column', column: 'published_by' },
  purposes: ['dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: { kind: 'system', description: 'Every published version is kept while the instance runs, so earlier notices stay readable.' },
  columns: {
    id: notPersonal(),
    version: notPersonal(),
    effective_date: notPersonal(),
    published_at: notPersonal(),
    published_by: personal('pd:Identifier', { action: 'deattribute' }, { note: 'subject id of the staff member who published the version' }),
    snapshot: personal('pd:Name', {
      action: 'keep',
      legalBasis: 'eu-gdpr:A6-1-c',
      reason: 'Business contact data (name, email, postal address) of the controller, its representative and its data protection officer as published in that version of the notice (Art 13(1)(a)-(b) GDPR); the published text must stay provable.',
      period: { iso: 'P0D' },
    }, { note: 'also holds business email addresses and postal addresses (pd:EmailAddress, pd:PhysicalAddress) of the same contacts' }),
    notice_text_hash: notPersonal('sha256 of the rendered English notice text'),
    changes: notPersonal('which register sections changed against the previous version'),
    requires_acceptance: notPersonal(),
    notify_status: notPersonal(),
    notify_total: notPersonal(),
    notify_done: notPersonal(),
  },
});

export const policyChangeNoticesTable = defineTable<PolicyChangeNoticesTable>({
  table: 'policy_change_notices',
  description: 'One row per account told about a policy version: makes change notices idempotent across retried batches.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:CommunicationForCustomerCare'],
  legalBasis: null,
  retention: { kind: 'while-subject-active', description: 'While the account is open; removed with the account.' },
  columns: {
    version_id: notPersonal(),
    account_id: notPersonal(),
    subject_id: notPersonal('link to the customer'),
    notified_at: notPersonal(),
  },
});

export const policyAcceptancesTable = defineTable<PolicyAcceptancesTable>({
  table: 'policy_acceptances',
  description: 'Which customer accepted which version of the privacy notice, when and from which (truncated) network.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:AccountManagement'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the account is open; erased with the account.' },
  columns: {
    account_id: notPersonal(),
    subject_id: notPersonal('link to the customer'),
    version_id: notPersonal(),
    accepted_at: notPersonal(),
    ip_truncated: personal('pd:IPAddress', deleteOnErasure, { note: 'network part only' }),
  },
});
