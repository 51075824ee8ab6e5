import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { maskCardNumbers } from '../card-numbers/card-numbers.js';
import type { FieldError } from '../errors/app-error.js';
import type { AccountPrincipal } from '../http/principal.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { ticketStatuses } from './support.tables.js';
import { referencePattern, type TicketAuthor } from './ticket-model.js';
import type { DownloadedAttachment } from './ticket-views.js';

export const referenceParams = z.object({ reference: z.string().max(20).regex(referencePattern, 'must be a ticket reference such as T-7K3Q9X') });
export const attachmentParams = referenceParams.extend({ attachmentId: z.uuid() });

export const departmentSchema = z.string().trim().min(1).max(40);
export const subjectSchema = z.string().trim().min(3).max(200);
export const bodySchema = z.string().trim().min(1).max(20_000);
/** A form checkbox: present ("yes") when ticked. */
export const checkboxSchema = z.literal('yes').optional();

export const staffListQuery = z.object({
  status: z.union([z.enum(ticketStatuses), z.literal('')]).optional(),
  department: z.union([z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.literal('')]).optional(),
});

const fieldMessages: Record<string, MessageKey> = {
  department: 'support.invalid.department',
  subject: 'support.invalid.subject',
  body: 'support.invalid.body',
  attachment: 'support.invalid.attachment',
  confirmSensitive: 'support.invalid.confirm',
};

/** zod speaks English to developers; people get the catalogue's message for the field. */
export function localiseSupportErrors(tr: Translate, errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (seen.has(error.field)) return [];
    seen.add(error.field);
    const key = fieldMessages[error.field];
    return [{ field: error.field, message: key ? tr(key) : error.message }];
  });
}

/**
 * What the form showed, to fill it in again. Card numbers are masked here too: a request refused
 * for a card number in another field never had its free text masked by the route.
 */
export function submittedValues(submitted: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = submitted[name];
    if (typeof value === 'string') values[name] = maskCardNumbers(value.slice(0, 20_000));
  }
  return values;
}

/** The signed-in person as a ticket author: themselves, or a trusted user acting for the account. */
export function authorOf(account: AccountPrincipal): TicketAuthor {
  return account.acting ? { kind: 'trusted_user', accountId: account.accountId } : { kind: 'customer', accountId: account.accountId };
}

/** RFC 6266: an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7E]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends a file as a download with the type sniffed on upload, never rendered inline. */
export function sendAttachment(reply: FastifyReply, file: DownloadedAttachment): FastifyReply {
  const type = file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType;
  return reply.type(type).header('content-disposition', contentDisposition(file.filename)).send(file.data);
}
