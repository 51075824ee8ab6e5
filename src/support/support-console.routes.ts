import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { answerTicket, changeTicketDepartment, closeTicketAsStaff } from './answer-ticket.js';
import { downloadAttachmentAsStaff, listTicketsForStaff, readTicketAsStaff } from './staff-tickets.js';
import { attachmentParams, bodySchema, departmentSchema, localiseSupportErrors, referenceParams, sendAttachment, staffListQuery, submittedValues } from './support-forms.js';
import { staffTicketListMain, staffTicketMain, type StaffTicketState } from './support-console.pages.js';

const read = { kind: 'staff', permission: 'support.read' } as const;
const manage = { kind: 'staff', permission: 'support.manage' } as const;
const tags = ['support', 'console'];
const purpose = 'dpv:CustomerCare';
const doneMessages = { replied: 'support.console.done.replied', noted: 'support.console.done.noted', closed: 'support.done.closed', moved: 'support.console.done.moved' } as const;
const doneQuery = z.object({ done: z.enum(['replied', 'noted', 'closed', 'moved']).optional() });

/** The staff console's tickets: a filtered list, the thread with internal notes, reply, note, move, close. */
export function registerSupportConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendTicket = async (request: FastifyRequest, reply: FastifyReply, reference: string, state: Omit<StaffTicketState, 'canManage'>) => {
    const role = request.staff!.role;
    const thread = await readTicketAsStaff(deps, contextOf(request, purpose), reference, { withContact: roleHas(role, 'customers.contact.read') });
    return sendConsolePage(kit, request, reply, { title: thread.ticket.subject ?? thread.ticket.reference, main: (csrf) => staffTicketMain(request, csrf, thread, { ...state, canManage: roleHas(role, 'support.manage') }) });
  };

  /** Expected refusals re-render the ticket with the failed form; others go to the error handler. */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, reference: string, form: 'reply' | 'note' | 'department', values: Record<string, string>, error: unknown) => {
    if (!(error instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(error.code)) throw error;
    reply.status(error.status);
    const errors = localiseSupportErrors(t(request), error.fieldErrors);
    return sendTicket(request, reply, reference, { failed: { form, values, errors, formError: errors.length > 0 ? undefined : error.message } });
  };

  kit.route({
    method: 'GET', url: '/console/tickets', kind: 'page', auth: read, tags, query: staffListQuery,
    summary: 'Support tickets, most recent activity first, filtered by status and department; each listing is audited.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const filter = { status: query.status || undefined, departmentId: query.department || undefined };
      const list = await listTicketsForStaff(deps, contextOf(request, purpose), filter);
      return sendConsolePage(kit, request, reply, { title: t(request)('support.console.title'), main: () => staffTicketListMain(request, list, { status: filter.status, department: filter.departmentId }) });
    },
  });

  kit.route({
    method: 'GET', url: '/console/tickets/:reference', kind: 'page', auth: read, tags, params: referenceParams, query: doneQuery,
    summary: 'One ticket with internal notes; every staff view is recorded in the audit trail.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such ticket' } },
    handler: async ({ request, reply, params, query }) => sendTicket(request, reply, params.reference, { done: query.done ? t(request)(doneMessages[query.done]) : undefined }),
  });

  const textRoute = (form: 'reply' | 'note') => {
    kit.route({
      method: 'POST', url: `/console/tickets/:reference/${form === 'reply' ? 'reply' : 'notes'}`, kind: 'page', auth: manage, tags, params: referenceParams,
      summary: form === 'reply'
        ? 'A staff reply the customer sees; they get an email with a link (never the text). Card numbers are masked.'
        : 'An internal note only staff see; card numbers are masked.',
      cardNumbers: { mask: ['body'] },
      body: z.object({ body: bodySchema }),
      responses: { 303: { description: 'Added' }, 400: { description: 'Form with errors' }, 404: { description: 'No such ticket' }, 409: { description: 'The ticket is closed (replies only)' } },
      onInvalid: async ({ request, reply, errors, submitted }) => {
        const reference = referenceParams.parse(request.params).reference;
        return sendTicket(request, reply, reference, { failed: { form, values: submittedValues(submitted, ['body']), errors: localiseSupportErrors(t(request), errors) } });
      },
      handler: async ({ request, reply, staff, params, body }) => {
        try {
          await answerTicket(deps, contextOf(request, purpose), staff!.staffId, params.reference, { body: body.body, internal: form === 'note' });
        } catch (error) {
          return refuse(request, reply, params.reference, form, { body: body.body }, error);
        }
        return reply.redirect(`/console/tickets/${params.reference}?done=${form === 'reply' ? 'replied' : 'noted'}`, 303);
      },
    });
  };
  textRoute('reply');
  textRoute('note');

  kit.route({
    method: 'POST', url: '/console/tickets/:reference/department', kind: 'page', auth: manage, tags, params: referenceParams,
    summary: 'Moves a ticket to another department.',
    body: z.object({ department: departmentSchema }),
    responses: { 303: { description: 'Moved' }, 400: { description: 'Unknown department' }, 404: { description: 'No such ticket' } },
    onInvalid: async ({ request, reply, errors }) => {
      const reference = referenceParams.parse(request.params).reference;
      return sendTicket(request, reply, reference, { failed: { form: 'department', values: {}, errors: localiseSupportErrors(t(request), errors) } });
    },
    handler: async ({ request, reply, params, body }) => {
      try {
        await changeTicketDepartment(deps, contextOf(request, purpose), params.reference, body.department);
      } catch (error) {
        return refuse(request, reply, params.reference, 'department', {}, error);
      }
      return reply.redirect(`/console/tickets/${params.reference}?done=moved`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/console/tickets/:reference/close', kind: 'page', auth: manage, tags, params: referenceParams,
    summary: 'Closes a ticket; its retention period starts.',
    responses: { 303: { description: 'Closed' }, 404: { description: 'No such ticket' } },
    handler: async ({ request, reply, params }) => {
      await closeTicketAsStaff(deps, contextOf(request, purpose), params.reference);
      return reply.redirect(`/console/tickets/${params.reference}?done=closed`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/console/tickets/:reference/attachments/:attachmentId', kind: 'page', auth: read, tags, params: attachmentParams,
    summary: 'Downloads a file of a ticket; audited.',
    responses: { 200: { description: 'The file', contentType: 'application/octet-stream' }, 404: { description: 'No such file' } },
    handler: async ({ request, reply, params }) => sendAttachment(reply, await downloadAttachmentAsStaff(deps, contextOf(request, purpose), params.reference, params.attachmentId)),
  });
}
