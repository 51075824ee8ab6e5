import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const accountStatuses = ['active', 'suspended', 'closed'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export interface AccountsTable {
  id: Generated<string>;
  subject_id: string;
  email_lookup: Buffer;
  email_enc: Buffer;
  first_name_enc: Buffer;
  last_name_enc: Buffer;
  password_hash: string;
  country: string | null;
  locale: Generated<string>;
  minimum_age_confirmed_at: Date;
  email_verified_at: Date | null;
  status: Generated<AccountStatus>;
  totp_secret_enc: Buffer | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export const accountsTable = defineTable<AccountsTable>({
  table: 'accounts',
  description: 'Customer accounts: the sign-in identity of a hosting customer.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:AccountManagement', 'dpv:IdentityAuthentication', 'dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the account is open; erased when the customer asks or the account is closed.' },
  columns: {
    id: notPersonal(),
    subject_id: notPersonal('link to the subject'),
    email_lookup: personal('pd:EmailAddress', deleteOnErasure, { purposes: ['dpv:IdentityAuthentication'], note: 'keyed hash (blind index) for sign-in lookup' }),
    email_enc: personal('pd:EmailAddress', deleteOnErasure, { encrypted: true }),
    first_name_enc: personal('pd:Name', deleteOnErasure, { encrypted: true, purposes: ['dpv:AccountManagement', 'dpv:ServiceProvision'] }),
    last_name_enc: personal('pd:Name', deleteOnErasure, { encrypted: true, purposes: ['dpv:AccountManagement', 'dpv:ServiceProvision'] }),
    password_hash: personal('pd:Password', deleteOnErasure, { purposes: ['dpv:IdentityAuthentication'], note: 'argon2id hash' }),
    country: personal('pd:Country', deleteOnErasure, { purposes: ['dpv:AccountManagement'], note: 'decides the minimum age and which data-residency rule applies' }),
    locale: personal('pd:Language', deleteOnErasure, { purposes: ['dpv:AccountManagement', 'dpv:ServiceProvision'] }),
    minimum_age_confirmed_at: personal('pd:Age', deleteOnErasure, { purposes: ['dpv:AccountManagement'], note: 'only the confirmation time, never a birth date' }),
    email_verified_at: notPersonal(),
    status: notPersonal(),
    totp_secret_enc: personal('pd:Authenticating', deleteOnErasure, { encrypted: true, purposes: ['dpv:IdentityAuthentication'] }),
    totp_enabled_at: notPersonal(),
    totp_last_step: notPersonal('replay guard for one-time codes'),
    failed_sign_ins: notPersonal(),
    locked_until: notPersonal(),
    password_changed_at: notPersonal(),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});
