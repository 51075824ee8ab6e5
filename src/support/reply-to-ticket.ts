import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { UploadedFile } from '../uploads/uploads.js';
import { sensitiveWarnings } from './sensitive-identifiers.js';
import { findTicketOfAccount, insertMessage, lockTicket, updateTicket } from './support.store.js';
import { sealedSupportFields } from './support.tables.js';
import { authorColumns, normaliseText, SensitiveIdentifiersFound, storeAttachment, type TicketAuthor, type TicketOwner } from './ticket-model.js';

export interface CustomerReplyInput {
  /** Card numbers are already masked by the route. */
  readonly body: string;
  readonly attachment?: UploadedFile | undefined;
  readonly confirmSensitive: boolean;
}

type Deps = Pick<AppDeps, 'db' | 'keyring' | 'now'>;

/** The customer's (or their trusted user's) answer on one of the account's open tickets. */
export async function replyToTicket(deps: Deps, base: ContextWithoutTransaction, owner: TicketOwner, author: TicketAuthor, reference: string, input: CustomerReplyInput): Promise<{ messageId: string }> {
  const warnings = sensitiveWarnings({ filename: input.attachment?.filename });
  if (warnings.length > 0 && !input.confirmSensitive) throw new SensitiveIdentifiersFound(warnings);
  return inTransaction(deps.db, base, async (ctx) => {
    const found = await findTicketOfAccount(ctx.trx, owner.accountId, reference);
    const ticket = found ? await lockTicket(ctx.trx, found.id) : undefined;
    if (!ticket) throw new AppError('NOT_FOUND', 'No such ticket');
    if (ticket.status === 'closed') throw new AppError('CONFLICT', 'This ticket is closed; open a new ticket if you need more help');
    const cipher = await deps.keyring.forSubject(ctx.trx, ticket.subject_id);
    const messageId = await insertMessage(ctx.trx, { ticket_id: ticket.id, subject_id: ticket.subject_id, ...authorColumns(author), body_enc: cipher.encrypt(normaliseText(input.body), sealedSupportFields.body), internal: false });
    const attachmentId = input.attachment ? await storeAttachment(ctx.trx, cipher, messageId, ticket.subject_id, input.attachment) : null;
    // A ticket nobody has answered yet stays "open"; after a staff reply it waits for staff again.
    await updateTicket(ctx.trx, ticket.id, { status: ticket.status === 'open' ? 'open' : 'awaiting_staff', updated_at: deps.now() });
    await recordAuditEvent(ctx, {
      action: 'support.customer_replied',
      subjectId: ticket.subject_id,
      details: { ticketId: ticket.id, reference, messageId, attachmentId, sensitiveConfirmed: warnings.flatMap((w) => w.kinds.map((kind) => `${w.field}:${kind}`)) },
    });
    return { messageId };
  });
}

/** The customer closes one of the account's tickets; closing a closed ticket changes nothing. */
export async function closeOwnTicket(deps: Deps, base: ContextWithoutTransaction, owner: TicketOwner, reference: string): Promise<void> {
  await inTransaction(deps.db, base, async (ctx) => {
    const found = await findTicketOfAccount(ctx.trx, owner.accountId, reference);
    const ticket = found ? await lockTicket(ctx.trx, found.id) : undefined;
    if (!ticket) throw new AppError('NOT_FOUND', 'No such ticket');
    if (ticket.status === 'closed') return;
    const now = deps.now();
    await updateTicket(ctx.trx, ticket.id, { status: 'closed', closed_at: now, updated_at: now });
    await recordAuditEvent(ctx, { action: 'support.ticket_closed', subjectId: ticket.subject_id, details: { ticketId: ticket.id, reference, by: 'customer' } });
  });
}
