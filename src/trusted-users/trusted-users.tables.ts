import type { Generated, GeneratedAlways } from 'kysely';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const trustedUserStatuses = ['invited', 'active', 'revoked'] as const;
export type TrustedUserStatus = (typeof trustedUserStatuses)[number];

/** Who ended a grant: the owner revoked it, or the trusted person left. */
export type GrantEndedBy = 'owner' | 'person';

export interface TrustedUsersTable {
  id: Generated<string>;
  account_id: string;
  invitee_subject_id: string;
  invitee_email_lookup: Buffer | null;
  invitee_email_enc: Buffer | null;
  person_account_id: string | null;
  areas: string[];
  status: TrustedUserStatus;
  invitation_token_hash: Buffer | null;
  invitation_expires_at: Date;
  accepted_at: Date | null;
  ended_at: Date | null;
  ended_by: GrantEndedBy | null;
  /** Computed by the database: ended_at of an ended grant, the expiry of a pending invitation, null while live. */
  closed_at: GeneratedAlways<Date | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The Kysely tables of trusted-users; merged into Database. */
export interface TrustedUsersDatabase {
  trusted_users: TrustedUsersTable;
}

/** The AAD of the invitee's sealed address. */
export const inviteeEmailField = 'trusted_users.invitee_email_enc';

/**
 * The invited address is the invitee's personal data, held because the owner asked: it is sealed
 * with the invitee's own subject key (a 'contact' subject made with the invitation), not the
 * owner's, so the invitee's erasure shreds it without touching the owner's account, and the
 * owner's erasure removes the row with the account.
 */
export const trustedUsersTable = defineTable<TrustedUsersTable>({
  table: 'trusted_users',
  description: 'People an account owner lets act for the account (invitation, then grant), and the areas each may use.',
  dataSubjects: ['dpv:Customer', 'dpv:User'],
  subjectLink: { via: 'column', column: 'invitee_subject_id' },
  purposes: ['dpv:AccountManagement', 'dpv:ServiceSecurity'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: {
    kind: 'after',
    column: 'closed_at',
    // Fixed, not operator-tunable: long enough for the owner to see a revoked, left or expired
    // invitation in the list and send it again; short because the invited address is a third
    // person's data kept only for the owner's convenience. Live grants have no closed_at and stay.
    period: { iso: 'P30D' },
    description: 'Live grants: while the owner account exists (removed with it). Invitations never accepted: removed 30 days after they expired. Revoked or left grants: removed 30 days after they ended. Who acted for the account stays in the audit trail by account id.',
  },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the account acted for (its owner made the grant)'),
    invitee_subject_id: notPersonal('the invited person\'s own subject; its key seals the address'),
    invitee_email_lookup: personal('pd:EmailAddress', deleteOnErasure, { purposes: ['dpv:AccountManagement'], note: 'keyed hash (blind index): the accepting account must have this address' }),
    invitee_email_enc: personal('pd:EmailAddress', deleteOnErasure, { encrypted: true, note: 'the address the owner invited, shown to the owner and used for the invitation email' }),
    person_account_id: notPersonal('the trusted person\'s own account, once they accepted'),
    areas: notPersonal('granted account areas'),
    status: notPersonal(),
    invitation_token_hash: notPersonal('SHA-256 of the emailed invitation link; cleared once used or ended'),
    invitation_expires_at: notPersonal(),
    accepted_at: notPersonal(),
    ended_at: notPersonal(),
    ended_by: notPersonal('owner revoked, or the person left'),
    closed_at: notPersonal('generated: when the grant ended or the invitation expired; the retention period runs from it'),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

/** Data-map declarations of trusted-users' tables. */
export const trustedUsersTables: readonly TableDeclaration[] = [trustedUsersTable];
