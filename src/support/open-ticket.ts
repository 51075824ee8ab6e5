import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { UploadedFile } from '../uploads/uploads.js';
import { sensitiveWarnings } from './sensitive-identifiers.js';
import { findDepartment, insertMessage, insertTicket } from './support.store.js';
import { sealedSupportFields } from './support.tables.js';
import { authorColumns, newTicketReference, normaliseText, SensitiveIdentifiersFound, storeAttachment, type TicketAuthor, type TicketOwner } from './ticket-model.js';

export interface OpenTicketInput {
  readonly departmentId: string;
  /** Card numbers are already masked by the route (cardNumbers: mask). */
  readonly subject: string;
  readonly body: string;
  readonly attachment?: UploadedFile | undefined;
  /** The customer saw the warnings about sensitive identifiers and sends anyway. */
  readonly confirmSensitive: boolean;
}

type Deps = Pick<AppDeps, 'db' | 'keyring'>;

/**
 * Opens a ticket with its first message (and file), all sealed with the customer's key, in one
 * transaction. Refuses, before storing anything, a subject or file name that looks like it holds
 * a sensitive identifier unless the customer confirmed it.
 */
export async function openTicket(deps: Deps, base: ContextWithoutTransaction, owner: TicketOwner, author: TicketAuthor, input: OpenTicketInput, options: { random?: () => number } = {}): Promise<{ ticketId: string; reference: string }> {
  const warnings = sensitiveWarnings({ subject: input.subject, filename: input.attachment?.filename });
  if (warnings.length > 0 && !input.confirmSensitive) throw new SensitiveIdentifiersFound(warnings);
  return inTransaction(deps.db, base, async (ctx) => {
    const department = await findDepartment(ctx.trx, input.departmentId);
    if (!department?.active) throw new AppError('VALIDATION_FAILED', 'No such department', { fieldErrors: [{ field: 'department', message: 'Choose one of the departments' }] });
    const cipher = await deps.keyring.forSubject(ctx.trx, owner.subjectId);
    const reference = await newTicketReference(ctx.trx, options.random);
    const ticket = await insertTicket(ctx.trx, {
      reference,
      account_id: owner.accountId,
      subject_id: owner.subjectId,
      department_id: department.id,
      subject_enc: cipher.encrypt(normaliseText(input.subject), sealedSupportFields.subject),
      status: 'open',
      closed_at: null,
    });
    const messageId = await insertMessage(ctx.trx, { ticket_id: ticket.id, subject_id: owner.subjectId, ...authorColumns(author), body_enc: cipher.encrypt(normaliseText(input.body), sealedSupportFields.body), internal: false });
    const attachmentId = input.attachment ? await storeAttachment(ctx.trx, cipher, messageId, owner.subjectId, input.attachment) : null;
    await recordAuditEvent(ctx, {
      action: 'support.ticket_opened',
      subjectId: owner.subjectId,
      details: { ticketId: ticket.id, reference, departmentId: department.id, messageId, attachmentId, sensitiveConfirmed: warnings.flatMap((w) => w.kinds.map((kind) => `${w.field}:${kind}`)) },
    });
    return { ticketId: ticket.id, reference };
  });
}
