import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { AppError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { accountInScope } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { optionalUploadedFileSchema } from '../uploads/uploads.js';
import { openTicket } from './open-ticket.js';
import { departmentsForCustomers, downloadOwnAttachment, listOwnTickets, readOwnTicket } from './read-tickets.js';
import { closeOwnTicket, replyToTicket } from './reply-to-ticket.js';
import {
  attachmentParams, authorOf, bodySchema, checkboxSchema, departmentSchema, localiseSupportErrors, referenceParams, sendAttachment, subjectSchema, submittedValues,
} from './support-forms.js';
import { renderNewTicketPage, renderTicketListPage, renderTicketPage, type FormState } from './support.pages.js';
import { attachmentLimits, SensitiveIdentifiersFound } from './ticket-model.js';

const auth = { kind: 'account', area: 'support' } as const;
const tags = ['support', 'pages'];
const purpose = 'dpv:CustomerCare';
const multipart = { maxFileBytes: attachmentLimits.maxFileBytes, maxFiles: attachmentLimits.maxFiles, accept: [...attachmentLimits.accept] };
const doneMessages = { opened: 'support.done.opened', replied: 'support.done.replied', closed: 'support.done.closed' } as const;
const doneQuery = z.object({ done: z.enum(['opened', 'replied', 'closed']).optional() });

/** Known refusals of a form become its state (status set); anything else goes to the error handler. */
function formStateFor(request: FastifyRequest, reply: FastifyReply, error: unknown, values: Record<string, string>): FormState {
  if (error instanceof SensitiveIdentifiersFound) {
    reply.status(error.status);
    return { values, warnings: error.warnings };
  }
  if (error instanceof AppError && (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT')) {
    reply.status(error.status);
    return error.fieldErrors.length > 0 ? { values, errors: localiseSupportErrors(t(request), error.fieldErrors) } : { values, formError: error.message };
  }
  throw error;
}

/** The customer's support pages: tickets, a new ticket, a thread with reply, close and files. */
export function registerSupportPageRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendNew = async (request: FastifyRequest, reply: FastifyReply, state: FormState = {}) =>
    sendPage(reply, renderNewTicketPage(request, csrfToken(kit, request, reply), await departmentsForCustomers(deps), state));

  const sendThread = async (request: FastifyRequest, reply: FastifyReply, reference: string, options: { done?: string | undefined; reply?: FormState }) => {
    const thread = await readOwnTicket(deps, accountInScope(request.account!), reference);
    return sendPage(reply, renderTicketPage(request, csrfToken(kit, request, reply), thread, await departmentsForCustomers(deps), options));
  };

  kit.route({
    method: 'GET', url: '/account/support', kind: 'page', auth, tags, query: doneQuery,
    summary: 'The account\'s support tickets, most recently active first.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account, query }) => {
      const tickets = await listOwnTickets(deps, accountInScope(account!));
      const done = query.done ? t(request)(doneMessages[query.done]) : undefined;
      return sendPage(reply, renderTicketListPage(request, csrfToken(kit, request, reply), tickets, await departmentsForCustomers(deps), done));
    },
  });

  kit.route({
    method: 'GET', url: '/account/support/new', kind: 'page', auth, tags,
    summary: 'The form to open a support ticket.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendNew(request, reply),
  });

  kit.route({
    method: 'POST', url: '/account/support/new', kind: 'page', auth, tags,
    summary: 'Opens a ticket. Card numbers in subject and text are masked; a subject or file name that looks like it holds a sensitive identifier re-renders the form with a warning (422) until confirmed.',
    bodyContentType: 'multipart/form-data', multipart, cardNumbers: { mask: ['subject', 'body'] },
    rateLimit: { scope: 'support.open', limit: 30, window: 'PT1H' },
    body: z.object({ department: departmentSchema, subject: subjectSchema, body: bodySchema, attachment: optionalUploadedFileSchema, confirmSensitive: checkboxSchema }),
    responses: { 303: { description: 'Opened; to the ticket' }, 400: { description: 'Form with errors' }, 422: { description: 'Form with warnings about sensitive identifiers' } },
    onInvalid: async ({ request, reply, errors, submitted }) => sendNew(request, reply, { values: submittedValues(submitted, ['department', 'subject', 'body']), errors: localiseSupportErrors(t(request), errors) }),
    handler: async ({ request, reply, account, body }) => {
      try {
        const opened = await openTicket(deps, contextOf(request, purpose), accountInScope(account!), authorOf(account!), {
          departmentId: body.department, subject: body.subject, body: body.body, attachment: body.attachment, confirmSensitive: body.confirmSensitive === 'yes',
        });
        return reply.redirect(`/account/support/${opened.reference}?done=opened`, 303);
      } catch (error) {
        return sendNew(request, reply, formStateFor(request, reply, error, { department: body.department, subject: body.subject, body: body.body }));
      }
    },
  });

  kit.route({
    method: 'GET', url: '/account/support/:reference', kind: 'page', auth, tags, params: referenceParams, query: doneQuery,
    summary: 'One ticket of the account: the conversation (without staff-internal notes), reply and close.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such ticket on this account' } },
    handler: async ({ request, reply, params, query }) => sendThread(request, reply, params.reference, { done: query.done ? t(request)(doneMessages[query.done]) : undefined }),
  });

  kit.route({
    method: 'POST', url: '/account/support/:reference/reply', kind: 'page', auth, tags, params: referenceParams,
    summary: 'Adds the customer\'s reply (and optionally a file) to an open ticket; card numbers are masked.',
    bodyContentType: 'multipart/form-data', multipart, cardNumbers: { mask: ['body'] },
    body: z.object({ body: bodySchema, attachment: optionalUploadedFileSchema, confirmSensitive: checkboxSchema }),
    responses: { 303: { description: 'Replied' }, 400: { description: 'Form with errors' }, 404: { description: 'No such ticket' }, 409: { description: 'The ticket is closed' }, 422: { description: 'Warning about the file name' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const reference = referenceParams.parse(request.params).reference;
      return sendThread(request, reply, reference, { reply: { values: submittedValues(submitted, ['body']), errors: localiseSupportErrors(t(request), errors) } });
    },
    handler: async ({ request, reply, account, params, body }) => {
      try {
        await replyToTicket(deps, contextOf(request, purpose), accountInScope(account!), authorOf(account!), params.reference, { body: body.body, attachment: body.attachment, confirmSensitive: body.confirmSensitive === 'yes' });
        return reply.redirect(`/account/support/${params.reference}?done=replied`, 303);
      } catch (error) {
        return sendThread(request, reply, params.reference, { reply: formStateFor(request, reply, error, { body: body.body }) });
      }
    },
  });

  kit.route({
    method: 'POST', url: '/account/support/:reference/close', kind: 'page', auth, tags, params: referenceParams,
    summary: 'Closes one of the account\'s tickets; its retention period starts.',
    responses: { 303: { description: 'Closed' }, 404: { description: 'No such ticket' } },
    handler: async ({ request, reply, account, params }) => {
      await closeOwnTicket(deps, contextOf(request, purpose), accountInScope(account!), params.reference);
      return reply.redirect('/account/support?done=closed', 303);
    },
  });

  kit.route({
    method: 'GET', url: '/account/support/:reference/attachments/:attachmentId', kind: 'page', auth, tags, params: attachmentParams,
    summary: 'Downloads a file of one of the account\'s tickets, with the type sniffed on upload.',
    responses: { 200: { description: 'The file', contentType: 'application/octet-stream' }, 404: { description: 'No such file' } },
    handler: async ({ reply, account, params }) => sendAttachment(reply, await downloadOwnAttachment(deps, accountInScope(account!), params.reference, params.attachmentId)),
  });
}
