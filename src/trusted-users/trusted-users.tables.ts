import type { Generated } from 'kysely';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, notPersonal } from '../datamap/define-table.js';

export const trustedUserStatuses = ['invited', 'active', 'revoked'] as const;
export type TrustedUserStatus = (typeof trustedUserStatuses)[number];

export interface TrustedUsersTable {
  id: Generated<string>;
  account_id: string;
  person_account_id: string | null;
  areas: string[];
  status: TrustedUserStatus;
  created_at: Generated<Date>;
}

/** The Kysely tables of trusted-users; merged into Database. */
export interface TrustedUsersDatabase {
  trusted_users: TrustedUsersTable;
}

export const trustedUsersTable = defineTable<TrustedUsersTable>({
  table: 'trusted_users',
  description: 'People an account owner lets act for the account, and the areas each may use.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'none', reason: 'links two accounts; each account is erased on its own' },
  purposes: ['dpv:AccountManagement'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the owner account exists; removed with it.' },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the account acted for'),
    person_account_id: notPersonal('the trusted person, once they accepted'),
    areas: notPersonal(),
    status: notPersonal(),
    created_at: notPersonal(),
  },
});

/** Data-map declarations of trusted-users' tables. */
export const trustedUsersTables: readonly TableDeclaration[] = [trustedUsersTable];
