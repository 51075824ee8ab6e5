import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const staffRoles = ['owner', 'privacy_officer', 'support', 'billing', 'auditor'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffMembersTable {
  id: Generated<string>;
  subject_id: string;
  email_lookup: Buffer;
  email_enc: Buffer;
  display_name_enc: Buffer;
  password_hash: string | null;
  role: StaffRole;
  status: Generated<'active' | 'disabled'>;
  totp_secret_enc: Buffer | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export const staffMembersTable = defineTable<StaffMembersTable>({
  table: 'staff_members',
  description: 'The provider\'s staff who use the console, with their role.',
  dataSubjects: ['dpv:Employee'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:IdentityAuthentication', 'dpv:ServiceSecurity'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the person works for the provider.' },
  columns: {
    id: notPersonal(),
    subject_id: notPersonal('link to the subject'),
    email_lookup: personal('pd:EmailAddress', deleteOnErasure, { note: 'keyed hash (blind index)' }),
    email_enc: personal('pd:EmailAddress', deleteOnErasure, { encrypted: true }),
    display_name_enc: personal('pd:Name', deleteOnErasure, { encrypted: true }),
    password_hash: personal('pd:Password', deleteOnErasure),
    role: notPersonal(),
    status: notPersonal(),
    totp_secret_enc: personal('pd:Authenticating', deleteOnErasure, { encrypted: true }),
    totp_enabled_at: notPersonal(),
    totp_last_step: notPersonal(),
    failed_sign_ins: notPersonal(),
    locked_until: notPersonal(),
    last_sign_in_at: notPersonal(),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});
