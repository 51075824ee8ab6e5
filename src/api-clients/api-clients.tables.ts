import type { Generated } from 'kysely';
import { defineTable, notPersonal, personal } from '../datamap/define-table.js';

/** What an API client may do; a route names the one scope it needs. */
export const apiScopes = ['consent:read', 'consent:webhooks'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** The provider's other systems (billing, mailer, CRM) calling Custodian with a bearer key. */
export interface ApiClientsTable {
  id: Generated<string>;
  name: string;
  /** The first 8 characters of the key, shown in lists and used to find the row. */
  key_prefix: string;
  /** SHA-256 (hex) of the secret part; the key itself is shown once and never stored. */
  key_hash: string;
  scopes: ApiScope[];
  /** Subject id of the staff member who created it; null after their erasure. */
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export const apiClientsTable = defineTable<ApiClientsTable>({
  table: 'api_clients',
  description: "Bearer keys of the provider's own systems that ask Custodian for consent decisions and webhooks.",
  dataSubjects: ['dpv:Employee'],
  subjectLink: { via: 'column', column: 'created_by' },
  purposes: ['dpv:ServiceSecurity'],
  legalBasis: 'eu-gdpr:A6-1-f',
  legitimateInterest: 'Knowing which staff member issued a key that other systems use to read consent decisions, to secure and account for that access.',
  retention: { kind: 'system', description: 'Kept while the instance runs; a revoked key stays listed so its use in the audit trail can be explained.' },
  columns: {
    id: notPersonal(),
    name: notPersonal('name of a system, e.g. "Billing"'),
    key_prefix: notPersonal(),
    key_hash: notPersonal('SHA-256 of the secret; the key itself is never stored'),
    scopes: notPersonal(),
    created_by: personal('pd:Identifier', { action: 'deattribute' }, { note: 'subject id of the staff member who created the key' }),
    created_at: notPersonal(),
    revoked_at: notPersonal(),
    last_used_at: notPersonal(),
  },
});
