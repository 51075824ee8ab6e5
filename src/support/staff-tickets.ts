import { loadAccountProfile } from '../accounts/account-profile.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { staffMemberView } from '../staff/list-staff-members.js';
import { findAttachmentOfTicket, findTicketByReference, listDepartments, ticketsForStaff, type DepartmentRow } from './support.store.js';
import type { TicketStatus } from './support.tables.js';
import { CipherCache, loadThread, openAttachment, summarise, type DownloadedAttachment, type TicketSummary, type TicketThread } from './ticket-views.js';

const listLimit = 200;

export interface StaffTicketList {
  readonly tickets: readonly TicketSummary[];
  readonly departments: readonly DepartmentRow[];
}

export interface StaffTicketThread extends TicketThread {
  /** Display names of the staff members who wrote in the thread, by staff id. */
  readonly staffNames: ReadonlyMap<string, string>;
  /** The customer's name and email, only for roles allowed to read contact details. */
  readonly contact: { readonly name: string; readonly email: string } | null;
  readonly departments: readonly DepartmentRow[];
}

/** Tickets for the console, newest activity first, filtered by status and department; audited. */
export async function listTicketsForStaff(deps: AppDeps, base: ContextWithoutTransaction, filter: { status?: TicketStatus | undefined; departmentId?: string | undefined }): Promise<StaffTicketList> {
  const rows = await ticketsForStaff(deps.db, filter, listLimit);
  const ciphers = new CipherCache(deps.db, deps.keyring);
  const tickets = await Promise.all(rows.map((row) => summarise(ciphers, row)));
  await inTransaction(deps.db, base, (ctx) => recordAuditEvent(ctx, { action: 'support.tickets_listed', subjectId: null, details: { status: filter.status ?? null, departmentId: filter.departmentId ?? null, count: tickets.length } }));
  return { tickets, departments: await listDepartments(deps.db, { activeOnly: false }) };
}

/** One ticket with internal notes for staff; every view is recorded in the audit trail. */
export async function readTicketAsStaff(deps: AppDeps, base: ContextWithoutTransaction, reference: string, options: { withContact: boolean }): Promise<StaffTicketThread> {
  const row = await findTicketByReference(deps.db, reference);
  if (!row) throw new AppError('NOT_FOUND', 'No such ticket');
  await inTransaction(deps.db, base, (ctx) => recordAuditEvent(ctx, { action: 'support.ticket_viewed', subjectId: row.subject_id, details: { ticketId: row.id, reference, contactShown: options.withContact } }));
  const thread = await loadThread(deps.db, deps.keyring, row, { includeInternal: true });
  const staffIds = [...new Set(thread.messages.flatMap((m) => (m.authorKind === 'staff' && m.authorId ? [m.authorId] : [])))];
  const staffNames = new Map<string, string>();
  for (const id of staffIds) {
    const member = await staffMemberView(deps, id);
    if (member?.displayName) staffNames.set(id, member.displayName);
  }
  let contact: StaffTicketThread['contact'] = null;
  if (options.withContact) {
    const profile = await loadAccountProfile(deps.db, deps.keyring, row.account_id);
    contact = { name: `${profile.firstName} ${profile.lastName}`, email: profile.email };
  }
  return { ...thread, staffNames, contact, departments: await listDepartments(deps.db, { activeOnly: false }) };
}

/** A file of a ticket (internal notes' files included) for staff; audited. */
export async function downloadAttachmentAsStaff(deps: AppDeps, base: ContextWithoutTransaction, reference: string, attachmentId: string): Promise<DownloadedAttachment> {
  const ticket = await findTicketByReference(deps.db, reference);
  const attachment = ticket ? await findAttachmentOfTicket(deps.db, ticket.id, attachmentId) : undefined;
  if (!ticket || !attachment) throw new AppError('NOT_FOUND', 'No such file');
  await inTransaction(deps.db, base, (ctx) => recordAuditEvent(ctx, { action: 'support.attachment_downloaded', subjectId: ticket.subject_id, details: { ticketId: ticket.id, reference, attachmentId } }));
  return openAttachment(deps.db, deps.keyring, attachment);
}
