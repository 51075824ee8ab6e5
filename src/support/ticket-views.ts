import type { Kysely } from 'kysely';
import { SubjectKeyShreddedError, type Keyring, type SubjectCipher } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { attachmentsOfMessages, messagesOfTicket, type AttachmentRow, type TicketRow } from './support.store.js';
import { sealedSupportFields, type AuthorKind, type TicketStatus } from './support.tables.js';

export interface TicketSummary {
  readonly id: string;
  readonly reference: string;
  readonly accountId: string;
  readonly subjectId: string;
  /** Null when the customer's key is gone (erased while the row waited for deletion). */
  readonly subject: string | null;
  readonly departmentId: string;
  readonly status: TicketStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
}

export interface AttachmentView {
  readonly id: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

export interface MessageView {
  readonly id: string;
  readonly authorKind: AuthorKind;
  readonly authorId: string | null;
  readonly body: string;
  readonly internal: boolean;
  readonly createdAt: Date;
  readonly attachments: readonly AttachmentView[];
}

export interface TicketThread {
  readonly ticket: TicketSummary;
  readonly messages: readonly MessageView[];
}

export interface DownloadedAttachment {
  readonly filename: string;
  readonly mediaType: string;
  readonly data: Buffer;
}

/** Opens each subject's key once per request, however many tickets share it. */
export class CipherCache {
  readonly #ciphers = new Map<string, SubjectCipher | null>();
  constructor(private readonly db: Kysely<Database>, private readonly keyring: Keyring) {}

  async forSubject(subjectId: string): Promise<SubjectCipher | null> {
    if (!this.#ciphers.has(subjectId)) {
      try {
        this.#ciphers.set(subjectId, await this.keyring.forSubject(this.db, subjectId));
      } catch (error) {
        if (!(error instanceof SubjectKeyShreddedError)) throw error;
        this.#ciphers.set(subjectId, null);
      }
    }
    return this.#ciphers.get(subjectId)!;
  }
}

export async function summarise(ciphers: CipherCache, row: TicketRow): Promise<TicketSummary> {
  const cipher = await ciphers.forSubject(row.subject_id);
  return {
    id: row.id,
    reference: row.reference,
    accountId: row.account_id,
    subjectId: row.subject_id,
    subject: cipher ? cipher.decrypt(row.subject_enc, sealedSupportFields.subject) : null,
    departmentId: row.department_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** A ticket with its messages and file names opened; internal notes only for staff. */
export async function loadThread(db: Kysely<Database>, keyring: Keyring, row: TicketRow, options: { includeInternal: boolean }): Promise<TicketThread> {
  const ciphers = new CipherCache(db, keyring);
  const ticket = await summarise(ciphers, row);
  const cipher = await ciphers.forSubject(row.subject_id);
  const messages = await messagesOfTicket(db, row.id, options);
  const attachments = await attachmentsOfMessages(db, messages.map((m) => m.id));
  const open = (sealed: Buffer, field: string) => (cipher ? cipher.decrypt(sealed, field) : '');
  return {
    ticket,
    messages: messages.map((message) => ({
      id: message.id,
      authorKind: message.author_kind,
      authorId: message.author_id,
      body: open(message.body_enc, sealedSupportFields.body),
      internal: message.internal,
      createdAt: message.created_at,
      attachments: attachments
        .filter((a) => a.message_id === message.id)
        .map((a) => ({ id: a.id, filename: open(a.filename_enc, sealedSupportFields.filename), mediaType: open(a.media_type_enc, sealedSupportFields.mediaType), sizeBytes: a.size_bytes })),
    })),
  };
}

export async function openAttachment(db: Kysely<Database>, keyring: Keyring, row: AttachmentRow): Promise<DownloadedAttachment> {
  const cipher = await keyring.forSubject(db, row.subject_id);
  return {
    filename: cipher.decrypt(row.filename_enc, sealedSupportFields.filename),
    mediaType: cipher.decrypt(row.media_type_enc, sealedSupportFields.mediaType),
    data: Buffer.from(cipher.decrypt(row.content_enc, sealedSupportFields.content), 'base64'),
  };
}
