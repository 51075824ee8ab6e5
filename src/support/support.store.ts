import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { SupportAttachmentsTable, SupportDepartmentsTable, SupportMessagesTable, SupportTicketsTable, TicketStatus } from './support.tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export type DepartmentRow = Selectable<SupportDepartmentsTable>;
export type TicketRow = Selectable<SupportTicketsTable>;
export type MessageRow = Selectable<SupportMessagesTable>;
/** An attachment without its content: lists never load the files themselves. */
export type AttachmentSummaryRow = Omit<Selectable<SupportAttachmentsTable>, 'content_enc'>;
export type AttachmentRow = Selectable<SupportAttachmentsTable>;

export async function listDepartments(db: Db, options: { activeOnly: boolean }): Promise<DepartmentRow[]> {
  let query = db.selectFrom('support_departments').selectAll().orderBy('position').orderBy('id');
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.execute();
}

export async function findDepartment(db: Db, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('support_departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function referenceTaken(trx: Transaction<Database>, reference: string): Promise<boolean> {
  return (await trx.selectFrom('support_tickets').select('id').where('reference', '=', reference).executeTakeFirst()) !== undefined;
}

export async function insertTicket(trx: Transaction<Database>, row: Insertable<SupportTicketsTable>): Promise<TicketRow> {
  return trx.insertInto('support_tickets').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertMessage(trx: Transaction<Database>, row: Insertable<SupportMessagesTable>): Promise<string> {
  return (await trx.insertInto('support_messages').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAttachment(trx: Transaction<Database>, row: Insertable<SupportAttachmentsTable>): Promise<string> {
  return (await trx.insertInto('support_attachments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** One ticket of one account; another account's reference is simply not found. */
export async function findTicketOfAccount(db: Db, accountId: string, reference: string): Promise<TicketRow | undefined> {
  return db.selectFrom('support_tickets').selectAll().where('reference', '=', reference).where('account_id', '=', accountId).executeTakeFirst();
}

export async function findTicketByReference(db: Db, reference: string): Promise<TicketRow | undefined> {
  return db.selectFrom('support_tickets').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/** Locks the ticket row so concurrent replies and closing see one order of events. */
export async function lockTicket(trx: Transaction<Database>, ticketId: string): Promise<TicketRow | undefined> {
  return trx.selectFrom('support_tickets').selectAll().where('id', '=', ticketId).forUpdate().executeTakeFirst();
}

export async function ticketsOfAccount(db: Db, accountId: string, limit: number): Promise<TicketRow[]> {
  return db.selectFrom('support_tickets').selectAll().where('account_id', '=', accountId).orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function ticketsForStaff(db: Db, filter: { status?: TicketStatus | undefined; departmentId?: string | undefined }, limit: number): Promise<TicketRow[]> {
  let query = db.selectFrom('support_tickets').selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
  return query.execute();
}

export async function updateTicket(trx: Transaction<Database>, ticketId: string, changes: { status?: TicketStatus; department_id?: string; closed_at?: Date | null; updated_at: Date }): Promise<void> {
  await trx.updateTable('support_tickets').set(changes).where('id', '=', ticketId).execute();
}

/** A ticket's messages, oldest first; internal notes only when asked for (staff views). */
export async function messagesOfTicket(db: Db, ticketId: string, options: { includeInternal: boolean }): Promise<MessageRow[]> {
  let query = db.selectFrom('support_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id');
  if (!options.includeInternal) query = query.where('internal', '=', false);
  return query.execute();
}

export async function attachmentsOfMessages(db: Db, messageIds: readonly string[]): Promise<AttachmentSummaryRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('support_attachments')
    .select(['id', 'message_id', 'subject_id', 'filename_enc', 'media_type_enc', 'size_bytes', 'created_at'])
    .where('message_id', 'in', [...messageIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One attachment of a ticket, with whether its message is an internal note. */
export async function findAttachmentOfTicket(db: Db, ticketId: string, attachmentId: string): Promise<(AttachmentRow & { internal: boolean }) | undefined> {
  return db
    .selectFrom('support_attachments')
    .innerJoin('support_messages', 'support_messages.id', 'support_attachments.message_id')
    .selectAll('support_attachments')
    .select('support_messages.internal')
    .where('support_attachments.id', '=', attachmentId)
    .where('support_messages.ticket_id', '=', ticketId)
    .executeTakeFirst();
}
