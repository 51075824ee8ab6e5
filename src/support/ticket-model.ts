import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { maskCardNumbers } from '../card-numbers/card-numbers.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import type { UploadedFile } from '../uploads/uploads.js';
import type { SensitiveKind, SensitiveWarning } from './sensitive-identifiers.js';
import { insertAttachment, referenceTaken } from './support.store.js';
import { sealedSupportFields, type AuthorKind } from './support.tables.js';

/** The account a ticket belongs to and the customer whose key seals it. */
export interface TicketOwner {
  readonly accountId: string;
  readonly subjectId: string;
}

/**
 * Who writes a message: the account owner, a trusted user acting for the account (their own
 * account id), or staff (a member, or null for the support team as a whole, e.g. the demo).
 */
export type TicketAuthor =
  | { readonly kind: 'customer'; readonly accountId: string }
  | { readonly kind: 'trusted_user'; readonly accountId: string }
  | { readonly kind: 'staff'; readonly staffId: string | null };

export function authorColumns(author: TicketAuthor): { author_kind: AuthorKind; author_id: string | null } {
  return { author_kind: author.kind, author_id: author.kind === 'staff' ? author.staffId : author.accountId };
}

/** Forms send CRLF line breaks, the API whatever the client had; stored text uses LF. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export const referencePattern = /^T-[0-9A-Z]{6}$/;
/** No 0/O or 1/I/L, so a reference read out on the phone is not misheard. */
const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short public reference such as T-7K3Q9X; random, so it reveals nothing about volume or order. */
export async function newTicketReference(trx: Transaction<Database>, random?: () => number): Promise<string> {
  const pick = (): string => referenceAlphabet[random ? Math.floor(random() * referenceAlphabet.length) % referenceAlphabet.length : randomInt(referenceAlphabet.length)]!;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const reference = `T-${Array.from({ length: 6 }, pick).join('')}`;
    if (!(await referenceTaken(trx, reference))) return reference;
  }
  throw new AppError('CONFLICT', 'Could not find a free ticket reference; try again');
}

const kindDescriptions: Record<SensitiveKind, string> = {
  iban: 'an IBAN (bank account number)',
  password: 'a password',
  national_id: 'a national ID number',
  passport: 'a passport number',
  social_security: 'a social security or insurance number',
  date_of_birth: 'a date of birth',
};

/**
 * Raised before anything is stored when a subject or file name looks like it holds a sensitive
 * identifier and the customer has not confirmed: the API answers 422 with one error per field,
 * pages re-render the form with the warnings (`warnings` carries the kinds for translation).
 */
export class SensitiveIdentifiersFound extends AppError {
  constructor(readonly warnings: readonly SensitiveWarning[]) {
    super('SENSITIVE_DATA_WARNING', 'The subject or file name may contain sensitive identifiers. Subjects and file names appear in email notifications and staff lists; change them, or send again with confirmSensitive set to confirm.', {
      fieldErrors: warnings.map((warning) => ({
        field: warning.field,
        message: `The ${warning.field === 'subject' ? 'subject' : 'file name'} may contain ${warning.kinds.map((kind) => kindDescriptions[kind]).join(', ')}`,
      })),
    });
  }
}

/** Stores a file of a message, every part sealed with the customer's key; returns its id. */
/**
 * Plain text is where people paste whole emails or logs, card numbers included; they must never be
 * stored (PCI DSS 3.2.1), so they are masked in the content as in every free-text field. The upload
 * parser only lets valid UTF-8 through as text/plain, so decoding and encoding again is exact.
 * PDF and images are not read: they are not text we can mask without altering the file.
 */
export function screenedAttachmentContent(file: UploadedFile): Buffer {
  if (file.mediaType !== 'text/plain') return file.data;
  const text = file.data.toString('utf8');
  const masked = maskCardNumbers(text);
  return masked === text ? file.data : Buffer.from(masked, 'utf8');
}

export async function storeAttachment(trx: Transaction<Database>, cipher: SubjectCipher, messageId: string, subjectId: string, file: UploadedFile): Promise<string> {
  const data = screenedAttachmentContent(file);
  return insertAttachment(trx, {
    message_id: messageId,
    subject_id: subjectId,
    filename_enc: cipher.encrypt(file.filename, sealedSupportFields.filename),
    media_type_enc: cipher.encrypt(file.mediaType, sealedSupportFields.mediaType),
    // The cipher seals text; base64 keeps the bytes exact.
    content_enc: cipher.encrypt(data.toString('base64'), sealedSupportFields.content),
    size_bytes: data.length,
  });
}

/** The limits of one attachment; PDF, images and plain text are all a support case needs. */
export const attachmentLimits = { maxFileBytes: 5 * 1024 * 1024, maxFiles: 1, accept: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] } as const;
