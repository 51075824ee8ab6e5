import { sealedSupportFields as f } from '../support/support.tables.js';
import type { BuiltAccount } from './build-account-rows.js';
import { date, dateOrNull, type BuildContext, type ChunkRows } from './chunk-rows.js';
import type { CustomerPlan } from './customer-plan.js';
import { ticketReference } from './scale-ids.js';

/**
 * Tickets, messages and attachments, all sealed with the customer's key as support stores them.
 * Staff replies name no staff member (the support team as a whole); the generator makes no staff.
 */
export function buildSupportRows(build: BuildContext, rows: ChunkRows, plan: CustomerPlan, owner: BuiltAccount): void {
  const fallbackDepartment = [...build.departments][0] ?? 'general';
  plan.tickets.forEach((ticket, t) => {
    const ticketId = plan.ids.nextId();
    rows.support_tickets.push({
      id: ticketId, reference: ticketReference(build.seed, plan.index, t), account_id: owner.accountId, subject_id: owner.subjectId,
      department_id: build.departments.has(ticket.department) ? ticket.department : fallbackDepartment,
      subject_enc: owner.cipher.encrypt(ticket.subject, f.subject), status: ticket.status,
      created_at: date(ticket.createdAt), updated_at: date(ticket.updatedAt), closed_at: dateOrNull(ticket.closedAt),
    });
    for (const message of ticket.messages) {
      const messageId = plan.ids.nextId();
      rows.support_messages.push({
        id: messageId, ticket_id: ticketId, subject_id: owner.subjectId, author_kind: message.author,
        author_id: message.author === 'customer' ? owner.accountId : null,
        body_enc: owner.cipher.encrypt(message.body, f.body), internal: message.internal, created_at: date(message.at),
      });
      if (message.attachment === null) continue;
      const content = Buffer.from(`${message.attachment}\n`, 'utf8');
      rows.support_attachments.push({
        id: plan.ids.nextId(), message_id: messageId, subject_id: owner.subjectId,
        filename_enc: owner.cipher.encrypt('error-log.txt', f.filename), media_type_enc: owner.cipher.encrypt('text/plain', f.mediaType),
        content_enc: owner.cipher.encrypt(content.toString('base64'), f.content), size_bytes: content.length, created_at: date(message.at),
      });
    }
  });
}
