import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { contentSecurityPolicy } from '../http/security-headers.js';
import { accountInScope } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { t } from '../http/layout.js';
import { invoiceStatuses, paymentStatuses, refundStatuses } from './billing.tables.js';
import { renderBillingPage, renderInvoicePage } from './billing.pages.js';
import { invoicePdf } from './invoice-pdf.js';
import { readAccountInvoice, readBillingOverview, type CreditNoteView, type InvoiceSummary, type InvoiceView, type PaymentView } from './read-billing.js';
import { startCheckout } from './start-checkout.js';
import { readSupplier } from './supplier.js';

const idParams = z.object({ id: z.uuid() });
const auth = { kind: 'account', area: 'billing' } as const;
const tags = ['billing'];

const summarySchema = z.object({
  id: z.uuid(), number: z.string(), status: z.enum(invoiceStatuses), currency: z.string(), netCents: z.number().int(), taxCents: z.number().int(),
  grossCents: z.number().int(), creditedCents: z.number().int(), dueCents: z.number().int(), issuedAt: z.iso.datetime(), dueAt: z.iso.datetime(), paidAt: z.iso.datetime().nullable(),
});
const paymentSchema = z.object({
  id: z.uuid(), invoiceId: z.uuid().nullable(), invoiceNumber: z.string(), kind: z.enum(['charge', 'refund']), status: z.enum(paymentStatuses), amountCents: z.number().int(),
  currency: z.string(), processorReference: z.string(), card: z.object({ brand: z.string(), last4: z.string() }).nullable(), createdAt: z.iso.datetime(), completedAt: z.iso.datetime().nullable(),
});
const creditNoteSchema = z.object({
  id: z.uuid(), number: z.string(), invoiceId: z.uuid().nullable(), invoiceNumber: z.string(), currency: z.string(), netCents: z.number().int(), taxCents: z.number().int(),
  grossCents: z.number().int(), reason: z.string(), refundStatus: z.enum(refundStatuses), issuedAt: z.iso.datetime(),
});
const lineSchema = z.object({ position: z.number().int(), description: z.string(), quantity: z.number().int(), unitNetCents: z.number().int(), taxRateBasisPoints: z.number().int(), netCents: z.number().int(), taxCents: z.number().int(), grossCents: z.number().int() });
const invoiceSchema = summarySchema.extend({
  party: z.object({ name: z.string(), company: z.string().nullable(), address: z.string().nullable(), vatId: z.string().nullable() }),
  lines: z.array(lineSchema), payments: z.array(paymentSchema), creditNotes: z.array(creditNoteSchema),
});

const iso = (at: Date | null) => at?.toISOString() ?? null;
const summaryJson = (i: InvoiceSummary) => ({ id: i.id, number: i.number, status: i.status, currency: i.currency, netCents: i.netCents, taxCents: i.taxCents, grossCents: i.grossCents, creditedCents: i.creditedCents, dueCents: i.dueCents, issuedAt: i.issuedAt.toISOString(), dueAt: i.dueAt.toISOString(), paidAt: iso(i.paidAt) });
const paymentJson = (p: PaymentView) => ({ ...p, createdAt: p.createdAt.toISOString(), completedAt: iso(p.completedAt) });
const creditNoteJson = (n: CreditNoteView) => ({ ...n, issuedAt: n.issuedAt.toISOString() });
const invoiceJson = (i: InvoiceView) => ({ ...summaryJson(i), party: i.party, lines: i.lines, payments: i.payments.map(paymentJson), creditNotes: i.creditNotes.map(creditNoteJson) });

const checkoutRateLimit = { scope: 'billing.checkout', limit: 20, window: 'PT10M' } as const;

/** The pay route's CSP: form-action also allows the processor's hosted page when it lives elsewhere. */
export function payRouteCsp(checkoutOrigin: string | undefined): string | null {
  if (!checkoutOrigin) return null;
  const origin = new URL(checkoutOrigin).origin;
  return contentSecurityPolicy.replace("form-action 'self'", `form-action 'self' ${origin}`);
}

/** The customer's billing: pages, PDF download, "Pay now" and the JSON API; always the account in scope. */
export function registerBillingRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/account/billing', kind: 'page', auth, tags,
    summary: 'Your invoices, credit notes and payments.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account }) => sendPage(reply, renderBillingPage(request, csrfToken(kit, request, reply), await readBillingOverview(deps.db, accountInScope(account!).accountId))),
  });

  kit.route({
    method: 'GET', url: '/account/billing/invoices/:id', kind: 'page', auth, tags, params: idParams,
    query: z.object({ checkout: z.enum(['returned', 'cancelled']).optional().catch(undefined) }),
    summary: 'One invoice: lines, VAT, totals, payments and "Pay now". Another account\'s invoice is not found.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such invoice in your account' } },
    handler: async ({ request, reply, account, params, query }) => {
      const invoice = await readAccountInvoice(deps.db, accountInScope(account!).accountId, params.id);
      return sendPage(reply, renderInvoicePage(request, csrfToken(kit, request, reply), invoice, await readSupplier(deps.db), query.checkout));
    },
  });

  kit.route({
    method: 'GET', url: '/account/billing/invoices/:id.pdf', kind: 'page', auth, tags, params: idParams,
    summary: 'One invoice as a PDF document.',
    responses: { 200: { description: 'The invoice', contentType: 'application/pdf' }, 404: { description: 'No such invoice in your account' } },
    handler: async ({ request, reply, account, params }) => {
      const invoice = await readAccountInvoice(deps.db, accountInScope(account!).accountId, params.id);
      const pdf = invoicePdf(t(request), request.locale, invoice, await readSupplier(deps.db), deps.now());
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="invoice-${invoice.number}.pdf"`).header('cache-control', 'private, no-store').send(pdf);
    },
  });

  kit.route({
    method: 'POST', url: '/account/billing/invoices/:id/pay', kind: 'page', auth, tags, params: idParams, rateLimit: checkoutRateLimit,
    summary: 'Pay now: opens the payment processor\'s hosted page for what is due on the invoice.',
    responses: { 303: { description: 'To the payment processor\'s page' }, 404: { description: 'No such invoice in your account' }, 409: { description: 'Nothing left to pay' }, 429: { description: 'Too many attempts from this address' } },
    handler: async ({ request, reply, account, params }) => {
      const checkout = await startCheckout(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, invoiceId: params.id, locale: request.locale });
      const csp = payRouteCsp(deps.adapters.payments.checkoutOrigin);
      if (csp) reply.header('content-security-policy', csp);
      return reply.redirect(checkout.checkoutUrl, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/billing/invoices', kind: 'api', auth, tags,
    summary: 'Your invoices, newest first.',
    responses: { 200: { description: 'Invoices', schema: z.object({ invoices: z.array(summarySchema) }) } },
    handler: async ({ account }) => ({ invoices: (await readBillingOverview(deps.db, accountInScope(account!).accountId)).invoices.map(summaryJson) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/billing/invoices/:id', kind: 'api', auth, tags, params: idParams,
    summary: 'One invoice with its lines, payments and credit notes.',
    responses: { 200: { description: 'The invoice', schema: invoiceSchema }, 404: { description: 'No such invoice in your account' } },
    handler: async ({ account, params }) => invoiceJson(await readAccountInvoice(deps.db, accountInScope(account!).accountId, params.id)),
  });

  kit.route({
    method: 'POST', url: '/api/v1/billing/invoices/:id/checkout', kind: 'api', auth, tags, params: idParams, rateLimit: checkoutRateLimit,
    summary: 'Starts paying an open invoice: returns the payment processor\'s hosted page to send the customer to.',
    responses: { 200: { description: 'The checkout', schema: z.object({ processorReference: z.string(), checkoutUrl: z.string() }) }, 404: { description: 'No such invoice in your account' }, 409: { description: 'Nothing left to pay' } },
    handler: async ({ request, account, params }) => startCheckout(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, invoiceId: params.id, locale: request.locale }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/billing/credit-notes', kind: 'api', auth, tags,
    summary: 'Credit notes issued to you, newest first.',
    responses: { 200: { description: 'Credit notes', schema: z.object({ creditNotes: z.array(creditNoteSchema) }) } },
    handler: async ({ account }) => ({ creditNotes: (await readBillingOverview(deps.db, accountInScope(account!).accountId)).creditNotes.map(creditNoteJson) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/billing/payments', kind: 'api', auth, tags,
    summary: 'Your payments and refunds, newest first (card brand and last four digits only).',
    responses: { 200: { description: 'Payments', schema: z.object({ payments: z.array(paymentSchema) }) } },
    handler: async ({ account }) => ({ payments: (await readBillingOverview(deps.db, accountInScope(account!).accountId)).payments.map(paymentJson) }),
  });
}
