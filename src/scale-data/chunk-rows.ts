import type { Insertable } from 'kysely';
import type { ConsentNotice } from '../consent/consent-notice.js';
import type { Keyring, SubjectCipher } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import type { SubjectKind } from '../subjects/subjects.tables.js';
import type { DocumentNumbering } from './document-numbering.js';

/** The tables every chunk fills, parents before children: the order rows are inserted in. */
export const chunkTables = [
  'subjects', 'subject_keys', 'accounts', 'customer_profiles', 'account_contacts', 'profile_changes',
  'invoices', 'invoice_lines', 'credit_notes', 'payments', 'services', 'licences', 'licence_checks',
  'domains', 'domain_contacts', 'domain_orders', 'domain_documents',
  'support_tickets', 'support_messages', 'support_attachments',
  'sign_in_events', 'sessions', 'consent_records', 'account_messages', 'trusted_users', 'announcement_comments',
  'job_applications', 'jobs',
] as const satisfies ReadonlyArray<keyof Database>;

export type ChunkTable = (typeof chunkTables)[number];

/** Instance-wide rows added once, before the first chunk. */
export const setupTables = ['job_openings', 'announcements', 'billing_number_sequences'] as const satisfies ReadonlyArray<keyof Database>;

/** Every table the generator writes (audit_events gets one entry per chunk through recordAuditEvent). */
export const generatedTables: ReadonlyArray<keyof Database & string> = [...chunkTables, ...setupTables, 'settings', 'audit_events'];

export type ChunkRows = { [T in ChunkTable]: Array<Insertable<Database[T]>> };

export function emptyChunkRows(): ChunkRows {
  return Object.fromEntries(chunkTables.map((table) => [table, []])) as unknown as ChunkRows;
}

/** What building rows needs beyond the plans: keys, the shared password hash, prices and numbering. */
export interface BuildContext {
  readonly seed: number;
  readonly keyring: Keyring;
  readonly passwordHash: string;
  readonly currency: string;
  readonly taxRateBasisPoints: number;
  readonly processor: string;
  readonly notice: ConsentNotice;
  readonly numbering: DocumentNumbering;
  readonly planIds: ReadonlyMap<string, string>;
  readonly departments: ReadonlySet<string>;
  readonly announcementIds: readonly string[];
  readonly openingIds: readonly string[];
}

/** A new subject with its own data key; the key is wrapped here and stored with the chunk. */
export function addSubject(build: BuildContext, rows: ChunkRows, id: string, kind: SubjectKind, at: number): SubjectCipher {
  const { wrappedKey, cipher } = build.keyring.newSubjectKey(id);
  rows.subjects.push({ id, kind, created_at: new Date(at), erased_at: null });
  rows.subject_keys.push({ subject_id: id, wrapped_key: wrappedKey, created_at: new Date(at), shredded_at: null });
  return cipher;
}

export const date = (time: number): Date => new Date(time);
export const dateOrNull = (time: number | null): Date | null => (time === null ? null : new Date(time));
