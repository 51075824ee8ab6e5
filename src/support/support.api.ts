import { z } from 'zod';
import { accountInScope } from '../http/principal.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { openTicket } from './open-ticket.js';
import { departmentsForCustomers, listOwnTickets, readOwnTicket } from './read-tickets.js';
import { closeOwnTicket, replyToTicket } from './reply-to-ticket.js';
import { authorOf, bodySchema, departmentSchema, referenceParams, subjectSchema } from './support-forms.js';
import { authorKinds, ticketStatuses } from './support.tables.js';
import type { TicketSummary, TicketThread } from './ticket-views.js';

const auth = { kind: 'account', area: 'support' } as const;
const tags = ['support'];
const purpose = 'dpv:CustomerCare';

const ticketSchema = z.object({
  reference: z.string(),
  subject: z.string().nullable(),
  department: z.string(),
  status: z.enum(ticketStatuses),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
});
const attachmentSchema = z.object({ id: z.uuid(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), downloadUrl: z.string() });
const messageSchema = z.object({ id: z.uuid(), author: z.enum(authorKinds), body: z.string(), createdAt: z.iso.datetime(), attachments: z.array(attachmentSchema) });
const threadSchema = ticketSchema.extend({ messages: z.array(messageSchema) });
const warningsResponse = { description: 'The subject may contain a sensitive identifier (problem+json, one error per field); send again with confirmSensitive: true to keep it' };

function ticketJson(ticket: TicketSummary): z.infer<typeof ticketSchema> {
  return {
    reference: ticket.reference,
    subject: ticket.subject,
    department: ticket.departmentId,
    status: ticket.status,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    closedAt: ticket.closedAt?.toISOString() ?? null,
  };
}

/** The thread as the customer sees it: internal staff notes are never loaded for them. */
function threadJson(thread: TicketThread): z.infer<typeof threadSchema> {
  const base = `/account/support/${thread.ticket.reference}/attachments`;
  return {
    ...ticketJson(thread.ticket),
    messages: thread.messages.map((m) => ({
      id: m.id,
      author: m.authorKind,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, mediaType: a.mediaType, sizeBytes: a.sizeBytes, downloadUrl: `${base}/${a.id}` })),
    })),
  };
}

/** The customer's support tickets as JSON (files are added through the pages). */
export function registerSupportApiRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/support/departments', kind: 'api', auth, tags,
    summary: 'The departments a ticket can be addressed to.',
    responses: { 200: { description: 'Departments', schema: z.object({ departments: z.array(z.object({ id: z.string(), name: z.string() })) }) } },
    handler: async () => ({ departments: (await departmentsForCustomers(deps)).map((d) => ({ id: d.id, name: d.name })) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/support/tickets', kind: 'api', auth, tags,
    summary: 'The account\'s tickets, most recently active first.',
    responses: { 200: { description: 'Tickets', schema: z.object({ tickets: z.array(ticketSchema) }) } },
    handler: async ({ account }) => ({ tickets: (await listOwnTickets(deps, accountInScope(account!))).map(ticketJson) }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/support/tickets', kind: 'api', auth, tags,
    summary: 'Opens a ticket. Card numbers in subject and body are masked on arrival.',
    cardNumbers: { mask: ['subject', 'body'] },
    rateLimit: { scope: 'support.open', limit: 30, window: 'PT1H' },
    body: z.object({ department: departmentSchema, subject: subjectSchema, body: bodySchema, confirmSensitive: z.boolean().optional() }),
    responses: { 201: { description: 'Opened', schema: threadSchema }, 400: { description: 'Invalid input' }, 422: warningsResponse },
    handler: async ({ request, reply, account, body }) => {
      const owner = accountInScope(account!);
      const opened = await openTicket(deps, contextOf(request, purpose), owner, authorOf(account!), { departmentId: body.department, subject: body.subject, body: body.body, confirmSensitive: body.confirmSensitive === true });
      reply.status(201);
      return threadJson(await readOwnTicket(deps, owner, opened.reference));
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/support/tickets/:reference', kind: 'api', auth, tags, params: referenceParams,
    summary: 'One ticket with its conversation (staff-internal notes are never included).',
    responses: { 200: { description: 'The ticket', schema: threadSchema }, 404: { description: 'No such ticket on this account' } },
    handler: async ({ account, params }) => threadJson(await readOwnTicket(deps, accountInScope(account!), params.reference)),
  });

  kit.route({
    method: 'POST', url: '/api/v1/support/tickets/:reference/messages', kind: 'api', auth, tags, params: referenceParams,
    summary: 'Adds the customer\'s reply to an open ticket; card numbers are masked.',
    cardNumbers: { mask: ['body'] },
    body: z.object({ body: bodySchema }),
    responses: { 201: { description: 'Replied', schema: threadSchema }, 404: { description: 'No such ticket' }, 409: { description: 'The ticket is closed' } },
    handler: async ({ request, reply, account, params, body }) => {
      const owner = accountInScope(account!);
      await replyToTicket(deps, contextOf(request, purpose), owner, authorOf(account!), params.reference, { body: body.body, confirmSensitive: false });
      reply.status(201);
      return threadJson(await readOwnTicket(deps, owner, params.reference));
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/support/tickets/:reference/close', kind: 'api', auth, tags, params: referenceParams,
    summary: 'Closes one of the account\'s tickets.',
    responses: { 200: { description: 'Closed', schema: threadSchema }, 404: { description: 'No such ticket' } },
    handler: async ({ request, account, params }) => {
      const owner = accountInScope(account!);
      await closeOwnTicket(deps, contextOf(request, purpose), owner, params.reference);
      return threadJson(await readOwnTicket(deps, owner, params.reference));
    },
  });
}
