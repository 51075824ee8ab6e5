import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { stringField, submitForm } from '../accounts/account-forms.js';
import { containsCardNumber, maskCardNumbers } from '../card-numbers/card-numbers.js';
import { inTransaction } from '../context/request-context.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import type { Translate } from '../i18n/i18n.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { invoiceConsoleMain, invoicesConsoleMain, paymentsConsoleMain, type CreditNoteForm } from './billing-console.pages.js';
import { listInvoices, findCreditNote } from './billing.store.js';
import { invoiceStatuses, paymentStatuses } from './billing.tables.js';
import { parseAmount } from './invoice-amounts.js';
import { issueCreditNote, maxReasonLength } from './issue-credit-note.js';
import { listPayments } from './payments.store.js';
import { invoiceSummary, paymentView, readInvoiceForStaff } from './read-billing.js';

const idParams = z.object({ id: z.uuid() });
const tags = ['console'];
const read = { kind: 'staff', permission: 'billing.read' } as const;
const consoleListLimit = 200;
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Field errors in the staff member's language; a refused card number is named as such. */
function localiseErrors(tr: Translate, errors: readonly FieldError[], reason: string): FieldError[] {
  return [...new Set(errors.map((e) => e.field))].map((name) => ({
    field: name,
    message: name === 'amount' ? tr('billing.console.creditNote.amountInvalid')
      : name === 'reason' ? tr(containsCardNumber(reason) ? 'billing.console.creditNote.reasonCard' : 'billing.console.creditNote.reasonInvalid')
      : errors.find((e) => e.field === name)!.message,
  }));
}

/** Billing staff: invoices, payments and credit notes. Support and auditors have no billing permission. */
export function registerBillingConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendInvoicePage = async (request: FastifyRequest, reply: FastifyReply, invoiceId: string, form: Omit<CreditNoteForm, 'canIssue'>) => {
    const invoice = await readInvoiceForStaff(deps.db, invoiceId);
    const canIssue = request.staff !== null && roleHas(request.staff.role, 'billing.manage');
    return sendConsolePage(kit, request, reply, { title: t(request)('billing.invoice.title', { number: invoice.number }), main: (csrf) => invoiceConsoleMain(request, csrf, invoice, { ...form, canIssue }) });
  };

  kit.route({
    method: 'GET', url: '/console/invoices', kind: 'page', auth: read, tags,
    query: z.object({ status: z.preprocess(emptyToUndefined, z.enum(invoiceStatuses).optional()).catch(undefined) }),
    summary: 'Invoices, newest first, optionally by status.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const invoices = (await listInvoices(deps.db, { status: query.status, limit: consoleListLimit })).map(invoiceSummary);
      return sendConsolePage(kit, request, reply, { title: t(request)('billing.console.invoicesTitle'), main: () => invoicesConsoleMain(request, invoices, query.status) });
    },
  });

  kit.route({
    method: 'GET', url: '/console/invoices/:id', kind: 'page', auth: read, tags, params: idParams,
    query: z.object({ creditNote: z.uuid().optional().catch(undefined) }),
    summary: 'One invoice with lines, payments and credit notes; billing managers issue credit notes here.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such invoice' } },
    handler: async ({ request, reply, params, query }) => {
      const issued = query.creditNote ? await findCreditNote(deps.db, query.creditNote) : undefined;
      return sendInvoicePage(request, reply, params.id, { issuedNumber: issued?.invoice_id === params.id ? issued.number : undefined });
    },
  });

  kit.route({
    method: 'POST', url: '/console/invoices/:id/credit-notes', kind: 'page', auth: { kind: 'staff', permission: 'billing.manage' }, tags, params: idParams,
    body: z.object({ amount: z.string().trim().min(1).max(20), reason: z.string().trim().min(1).max(maxReasonLength) }),
    summary: 'Issues a credit note against the invoice (gross amount and reason); a paid invoice is refunded through the payment processor.',
    responses: { 303: { description: 'Back to the invoice' }, 400: { description: 'The form with its errors' }, 404: { description: 'No such invoice' }, 409: { description: 'The invoice is cancelled' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const params = idParams.safeParse(request.params);
      if (!params.success) throw new AppError('NOT_FOUND', 'No such invoice');
      const reason = stringField(submitted, 'reason');
      // The form shows the reason again, masked: a refused card number is never echoed back.
      return sendInvoicePage(request, reply, params.data.id, { errors: localiseErrors(t(request), errors, reason), values: { amount: stringField(submitted, 'amount'), reason: maskCardNumbers(reason) } });
    },
    handler: async ({ request, reply, params, body }) => submitForm(
      reply,
      async () => {
        const grossCents = parseAmount(body.amount);
        if (grossCents === null) throw new AppError('VALIDATION_FAILED', 'The amount is not valid', { fieldErrors: [{ field: 'amount', message: t(request)('billing.console.creditNote.amountInvalid') }] });
        const issued = await inTransaction(deps.db, contextOf(request, 'dpv:ServiceProvision'), (ctx) => issueCreditNote(deps, ctx, { invoiceId: params.id, grossCents, reason: body.reason }));
        return reply.redirect(`/console/invoices/${params.id}?creditNote=${issued.creditNoteId}`, 303);
      },
      (errors, formError) => sendInvoicePage(request, reply, params.id, { errors: localiseErrors(t(request), errors, body.reason), formError, values: body }),
    ),
  });

  kit.route({
    method: 'GET', url: '/console/payments', kind: 'page', auth: read, tags,
    query: z.object({ status: z.preprocess(emptyToUndefined, z.enum(paymentStatuses).optional()).catch(undefined) }),
    summary: 'Payments and refunds through the payment processor, newest first.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const payments = (await listPayments(deps.db, { status: query.status, limit: consoleListLimit })).map(paymentView);
      return sendConsolePage(kit, request, reply, { title: t(request)('billing.console.paymentsTitle'), main: () => paymentsConsoleMain(request, payments, query.status) });
    },
  });
}
