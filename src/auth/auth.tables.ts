import type { Generated } from 'kysely';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

/** Who signs in: a customer account or a staff member. Sessions, tokens and codes serve both. */
export type PrincipalKind = 'account' | 'staff';

export interface SessionsTable {
  id: Generated<string>;
  token_hash: Buffer;
  principal_kind: PrincipalKind;
  principal_id: string;
  second_factor_verified: boolean;
  ip_truncated: string | null;
  user_agent_family: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
  acting_for_account_id: string | null;
}

export interface AuthTokensTable {
  id: Generated<string>;
  token_hash: Buffer;
  principal_kind: PrincipalKind;
  principal_id: string;
  purpose: 'verify_email' | 'reset_password' | 'staff_setup';
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  principal_kind: PrincipalKind;
  principal_id: string;
  code_hash: string;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface SignInEventsTable {
  id: Generated<string>;
  principal_kind: PrincipalKind;
  principal_id: string;
  outcome: 'success' | 'bad_password' | 'locked' | 'second_factor_failed' | 'second_factor_passed';
  ip_truncated: string | null;
  user_agent_family: string | null;
  occurred_at: Generated<Date>;
}

const principal = { via: 'principal', kindColumn: 'principal_kind', idColumn: 'principal_id' } as const;

export const sessionsTable = defineTable<SessionsTable>({
  table: 'sessions',
  description: 'Signed-in sessions, shown to their owner who can revoke them.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee'],
  subjectLink: principal,
  purposes: ['dpv:IdentityAuthentication', 'dpv:ServiceSecurity'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'after', column: 'expires_at', period: { iso: 'P1D' }, description: 'Removed a day after the session expires.' },
  columns: {
    id: notPersonal(),
    token_hash: notPersonal('SHA-256 of the cookie token; the token itself is never stored'),
    principal_kind: notPersonal(),
    principal_id: notPersonal('link to the account or staff member'),
    second_factor_verified: notPersonal(),
    ip_truncated: personal('pd:IPAddress', deleteOnErasure, { note: 'IPv4 /24, IPv6 /48' }),
    user_agent_family: personal('pd:UserAgent', deleteOnErasure, { note: 'browser and OS family only' }),
    created_at: notPersonal(),
    last_seen_at: personal('pd:LoginRecord', deleteOnErasure),
    expires_at: notPersonal(),
    revoked_at: notPersonal(),
    revoke_reason: notPersonal(),
    acting_for_account_id: notPersonal('the account a trusted user switched to in this session'),
  },
});

export const authTokensTable = defineTable<AuthTokensTable>({
  table: 'auth_tokens',
  description: 'One-time tokens sent by email: address verification, password reset, staff setup.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee'],
  subjectLink: principal,
  purposes: ['dpv:IdentityAuthentication'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'after', column: 'expires_at', period: { iso: 'P7D' }, description: 'Removed a week after expiry.' },
  columns: {
    id: notPersonal(),
    token_hash: notPersonal('SHA-256 of the emailed token'),
    principal_kind: notPersonal(),
    principal_id: notPersonal('link to the account or staff member'),
    purpose: notPersonal(),
    expires_at: notPersonal(),
    used_at: notPersonal(),
    created_at: notPersonal(),
  },
});

export const recoveryCodesTable = defineTable<RecoveryCodesTable>({
  table: 'recovery_codes',
  description: 'Hashed two-factor recovery codes.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee'],
  subjectLink: principal,
  purposes: ['dpv:IdentityAuthentication'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'Until used, regenerated or two-factor is turned off.' },
  columns: {
    id: notPersonal(),
    principal_kind: notPersonal(),
    principal_id: notPersonal('link to the account or staff member'),
    code_hash: personal('pd:Authenticating', deleteOnErasure, { note: 'HMAC-SHA256 keyed with the instance token key; codes carry ~50 random bits, so a keyed hash suffices' }),
    used_at: notPersonal(),
    created_at: notPersonal(),
  },
});

export const signInEventsTable = defineTable<SignInEventsTable>({
  table: 'sign_in_events',
  description: 'Recent sign-ins and failures, shown to the account owner and used to slow attackers.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee'],
  subjectLink: principal,
  purposes: ['dpv:ServiceSecurity', 'dpv:FraudPreventionAndDetection'],
  legalBasis: 'eu-gdpr:A6-1-f',
  legitimateInterest: 'Protecting accounts against takeover and showing their owners who signed in.',
  retention: { kind: 'after', column: 'occurred_at', period: { config: 'signInEvents' }, description: 'Removed after the configured period (default 90 days).' },
  columns: {
    id: notPersonal(),
    principal_kind: notPersonal(),
    principal_id: notPersonal('link to the account or staff member'),
    outcome: personal('pd:LoginRecord', deleteOnErasure),
    ip_truncated: personal('pd:IPAddress', deleteOnErasure, { note: 'IPv4 /24, IPv6 /48' }),
    user_agent_family: personal('pd:UserAgent', deleteOnErasure),
    occurred_at: personal('pd:LoginRecord', deleteOnErasure),
  },
});
