import type { Generated } from 'kysely';
import { defineTable, notPersonal, personal } from '../datamap/define-table.js';

export const actorTypes = ['customer', 'trusted_user', 'staff', 'system', 'api_client', 'anonymous'] as const;
export type ActorType = (typeof actorTypes)[number];

export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  occurred_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  on_behalf_of: string | null;
  action: string;
  subject_id: string | null;
  purpose: string;
  ip_truncated: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const keepForAccountability = {
  action: 'keep',
  legalBasis: 'eu-gdpr:A6-1-c',
  reason: 'Art 5(2) and 24 GDPR: the controller must be able to demonstrate what was done with the data, including its erasure.',
  period: { config: 'taxRecords' },
} as const;

export const auditEventsTable = defineTable<AuditEventsTable>({
  table: 'audit_events',
  description: 'Append-only, hash-chained audit trail of every change and every access to personal data.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee', 'dpv:JobApplicant', 'dpv:Visitor'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:LegalCompliance', 'dpv:ServiceSecurity'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: { kind: 'after', column: 'occurred_at', period: { config: 'taxRecords' }, description: 'Kept for the accountability period, then pruned from the start of the chain.' },
  columns: {
    seq: notPersonal(),
    id: notPersonal(),
    occurred_at: notPersonal(),
    actor_type: notPersonal(),
    actor_id: personal('pd:Identifier', keepForAccountability, { note: 'pseudonymous id of who acted' }),
    on_behalf_of: personal('pd:Identifier', keepForAccountability),
    action: notPersonal(),
    subject_id: personal('pd:Identifier', keepForAccountability, { note: 'pseudonymous id of whom it concerned' }),
    purpose: notPersonal(),
    ip_truncated: personal('pd:IPAddress', keepForAccountability, { note: 'IPv4 /24, IPv6 /48' }),
    request_id: notPersonal(),
    details: notPersonal('ids and field names only, never values of personal data'),
    prev_hash: notPersonal(),
    hash: notPersonal(),
  },
});
