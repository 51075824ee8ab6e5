import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { notifyStaffReply } from './support-emails.js';
import { findDepartment, findTicketByReference, insertMessage, lockTicket, updateTicket, type TicketRow } from './support.store.js';
import { sealedSupportFields } from './support.tables.js';
import { authorColumns, normaliseText } from './ticket-model.js';

type Deps = Pick<AppDeps, 'db' | 'keyring' | 'now' | 'config'>;

async function lockedTicket(ctx: RequestContext, reference: string): Promise<TicketRow> {
  const found = await findTicketByReference(ctx.trx, reference);
  const ticket = found ? await lockTicket(ctx.trx, found.id) : undefined;
  if (!ticket) throw new AppError('NOT_FOUND', 'No such ticket');
  return ticket;
}

/**
 * A staff reply (the customer sees it and gets an email with a link, never the text) or an
 * internal note (staff only, no email, allowed on closed tickets too). `staffId` null is the
 * support team as a whole. Both are sealed with the customer's key: they sit in the customer's ticket.
 */
export async function answerTicket(deps: Deps, base: ContextWithoutTransaction, staffId: string | null, reference: string, input: { body: string; internal: boolean }): Promise<{ messageId: string }> {
  return inTransaction(deps.db, base, async (ctx) => {
    const ticket = await lockedTicket(ctx, reference);
    if (ticket.status === 'closed' && !input.internal) throw new AppError('CONFLICT', 'This ticket is closed; only internal notes can be added');
    const cipher = await deps.keyring.forSubject(ctx.trx, ticket.subject_id);
    const messageId = await insertMessage(ctx.trx, {
      ticket_id: ticket.id,
      subject_id: ticket.subject_id,
      ...authorColumns({ kind: 'staff', staffId }),
      body_enc: cipher.encrypt(normaliseText(input.body), sealedSupportFields.body),
      internal: input.internal,
    });
    if (input.internal) {
      await recordAuditEvent(ctx, { action: 'support.internal_note_added', subjectId: ticket.subject_id, details: { ticketId: ticket.id, reference, messageId } });
      return { messageId };
    }
    await updateTicket(ctx.trx, ticket.id, { status: 'awaiting_customer', updated_at: deps.now() });
    await recordAuditEvent(ctx, { action: 'support.staff_replied', subjectId: ticket.subject_id, details: { ticketId: ticket.id, reference, messageId } });
    const subjectLine = cipher.decrypt(ticket.subject_enc, sealedSupportFields.subject);
    await notifyStaffReply(ctx, deps.keyring, deps.config.http.publicUrl, { accountId: ticket.account_id, reference, subjectLine });
    return { messageId };
  });
}

/** Staff close a ticket; its retention period starts now. Closing a closed ticket changes nothing. */
export async function closeTicketAsStaff(deps: Deps, base: ContextWithoutTransaction, reference: string): Promise<void> {
  await inTransaction(deps.db, base, async (ctx) => {
    const ticket = await lockedTicket(ctx, reference);
    if (ticket.status === 'closed') return;
    const now = deps.now();
    await updateTicket(ctx.trx, ticket.id, { status: 'closed', closed_at: now, updated_at: now });
    await recordAuditEvent(ctx, { action: 'support.ticket_closed', subjectId: ticket.subject_id, details: { ticketId: ticket.id, reference, by: 'staff' } });
  });
}

/** Moves a ticket to another (active) department. */
export async function changeTicketDepartment(deps: Deps, base: ContextWithoutTransaction, reference: string, departmentId: string): Promise<void> {
  await inTransaction(deps.db, base, async (ctx) => {
    const ticket = await lockedTicket(ctx, reference);
    const department = await findDepartment(ctx.trx, departmentId);
    if (!department?.active) throw new AppError('VALIDATION_FAILED', 'No such department', { fieldErrors: [{ field: 'department', message: 'Choose one of the departments' }] });
    if (department.id === ticket.department_id) return;
    await updateTicket(ctx.trx, ticket.id, { department_id: department.id, updated_at: deps.now() });
    await recordAuditEvent(ctx, { action: 'support.department_changed', subjectId: ticket.subject_id, details: { ticketId: ticket.id, reference, from: ticket.department_id, to: department.id } });
  });
}
