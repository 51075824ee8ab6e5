import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import type { Translate } from '../i18n/i18n.js';
import { sendConsolePage } from '../staff/console-page.js';
import { customerIdParams } from './customer-list.routes.js';
import { reasonPage, recordPage, type ReasonFormState } from './customer-record.pages.js';
import { customerSummary, grantRecordAccess, reasonTextLength, viewCustomerRecord } from './open-customer-record.js';

const recordRead = { kind: 'staff', permission: 'customers.read' } as const;

const reasonBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticket'), ticket: z.string().trim().min(1).max(40) }),
  z.object({ kind: z.literal('text'), reason: z.string().trim().min(reasonTextLength.min).max(reasonTextLength.max) }),
]);

/** Field errors in the member's language; a missing or unknown kind is treated as a missing reason. */
function localiseReasonErrors(tr: Translate, errors: readonly FieldError[], submitted: Record<string, unknown>): FieldError[] {
  const reasonLength = typeof submitted.reason === 'string' ? submitted.reason.trim().length : 0;
  const reasonMessage = reasonLength > reasonTextLength.max ? tr('customerRecords.reason.textTooLong', { max: reasonTextLength.max }) : tr('customerRecords.reason.textTooShort', { min: reasonTextLength.min });
  const localised = errors.map((error): FieldError => (error.field === 'ticket' ? { field: 'ticket', message: tr('customerRecords.reason.ticketRequired') } : { field: 'reason', message: reasonMessage }));
  return localised.filter((error, i) => localised.findIndex((other) => other.field === error.field) === i);
}

function submittedText(submitted: Record<string, unknown>, name: string, max: number): string | undefined {
  const value = submitted[name];
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

export function registerCustomerRecordRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendReasonForm = async (request: FastifyRequest, reply: FastifyReply, accountId: string, state: Omit<ReasonFormState, 'csrf' | 'account'>) => {
    const account = await customerSummary(deps, accountId);
    return sendConsolePage(kit, request, reply, { title: t(request)('customerRecords.reason.title'), main: (csrf) => reasonPage(request, { csrf, account, ...state }) });
  };

  kit.route({
    method: 'GET', url: '/console/customers/:id/record', kind: 'page', auth: recordRead, tags: ['customer-records', 'pages'],
    summary: 'A customer\'s full record, generated from the data map; asks for a reason first unless the member holds a live grant. Every view is audited with the grant id.',
    params: customerIdParams,
    responses: { 200: { description: 'The record, or the form asking for a reason' }, 404: { description: 'No such customer' } },
    handler: async ({ request, reply, params, staff }) => {
      const view = await viewCustomerRecord(deps, contextOf(request, 'dpv:CustomerCare'), { staffId: staff!.staffId, accountId: params.id });
      if (!view.granted) return sendReasonForm(request, reply, params.id, {});
      return sendConsolePage(kit, request, reply, { title: t(request)('customerRecords.record.title'), main: () => recordPage(request, view) });
    },
  });

  kit.route({
    method: 'POST', url: '/console/customers/:id/record', kind: 'page', auth: recordRead, tags: ['customer-records', 'pages'],
    summary: 'Gives the reason for opening a customer\'s full record (a ticket of this customer, or free text) and opens it for 30 minutes.',
    params: customerIdParams,
    body: reasonBody,
    cardNumbers: { mask: ['reason'] },
    responses: { 303: { description: 'Access granted; on to the record' }, 400: { description: 'Form with errors' }, 404: { description: 'No such customer' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const id = customerIdParams.safeParse(request.params);
      if (!id.success) throw new AppError('NOT_FOUND', 'No such customer');
      return sendReasonForm(request, reply, id.data.id, { ticket: submittedText(submitted, 'ticket', 40), reason: submittedText(submitted, 'reason', reasonTextLength.max), errors: localiseReasonErrors(t(request), errors, submitted) });
    },
    handler: async ({ request, reply, params, body, staff }) => {
      const reason = body.kind === 'ticket' ? { kind: 'ticket' as const, reference: body.ticket } : { kind: 'text' as const, text: body.reason };
      try {
        await grantRecordAccess(deps, contextOf(request, 'dpv:CustomerCare'), { staffId: staff!.staffId, accountId: params.id, reason });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        reply.status(400);
        return sendReasonForm(request, reply, params.id, { ticket: body.kind === 'ticket' ? body.ticket : undefined, errors: [{ field: 'ticket', message: t(request)('customerRecords.reason.ticketInvalid') }] });
      }
      return reply.redirect(`/console/customers/${params.id}/record`, 303);
    },
  });
}
