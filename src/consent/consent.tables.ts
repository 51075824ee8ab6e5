import type { Generated } from 'kysely';
import { defineTable, notPersonal, personal } from '../datamap/define-table.js';

export const consentStatuses = ['given', 'refused', 'withdrawn', 'expired'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

export const consentMethods = ['banner', 'account_form', 'api', 'gpc', 'unsubscribe_link', 'double_opt_in', 'import'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

export const consentChannels = ['email', 'sms', 'phone', 'account_messages'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/** The DPV consent status each ledger status is exported as. */
export const dpvConsentStatus: Readonly<Record<ConsentStatus, string>> = {
  given: 'dpv:ConsentGiven',
  refused: 'dpv:ConsentRefused',
  withdrawn: 'dpv:ConsentWithdrawn',
  expired: 'dpv:ConsentExpired',
};

/** Append-only proof of consent (Art 7(1) GDPR): every choice is a new row, none is ever changed. */
export interface ConsentRecordsTable {
  seq: Generated<number>;
  id: Generated<string>;
  subject_id: string | null;
  browser_id: string | null;
  purpose: string;
  channel: ConsentChannel | null;
  status: ConsentStatus;
  method: ConsentMethod;
  notice_version: string;
  notice_text_hash: string;
  occurred_at: Date;
  expires_at: Date | null;
  ip_truncated: string | null;
  user_agent_family: string | null;
  evidence: Record<string, string | number | boolean | null>;
}

const keepAsProofOfConsent = {
  action: 'keep',
  legalBasis: 'eu-gdpr:A6-1-c',
  reason: 'Art 7(1) GDPR: the controller must be able to demonstrate that consent was given, and when it was withdrawn.',
  period: { config: 'consentProof' },
} as const;

export const consentRecordsTable = defineTable<ConsentRecordsTable>({
  table: 'consent_records',
  description: 'Append-only consent ledger: who (or which browser) gave, refused or withdrew consent for which purpose and channel, when, how and against which notice.',
  dataSubjects: ['dpv:Customer', 'dpv:Visitor'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: { kind: 'while-subject-active', description: 'Kept while the person is active; on erasure kept as proof of consent for the configured period (default 3 years).' },
  columns: {
    seq: notPersonal('insertion order, for newest-first listings'),
    id: notPersonal(),
    subject_id: personal('pd:Identifier', keepAsProofOfConsent, { note: 'pseudonymous id of whose choice it is' }),
    browser_id: personal('pd:Identifier', keepAsProofOfConsent, { note: 'random id from a cookie, for visitors without an account' }),
    purpose: notPersonal('DPV purpose or cookie category'),
    channel: notPersonal(),
    status: personal('pd:Preference', keepAsProofOfConsent, { note: 'given, refused, withdrawn or expired' }),
    method: notPersonal(),
    notice_version: notPersonal(),
    notice_text_hash: notPersonal('sha256 of the exact text shown'),
    occurred_at: notPersonal(),
    expires_at: notPersonal(),
    ip_truncated: personal('pd:IPAddress', keepAsProofOfConsent, { note: 'IPv4 /24, IPv6 /48' }),
    user_agent_family: personal('pd:UserAgent', keepAsProofOfConsent, { note: 'browser family only, e.g. "Firefox"' }),
    evidence: notPersonal('ids only (e.g. the confirmation token id, the linked browser record)'),
  },
});
