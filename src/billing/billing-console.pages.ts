import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import { creditNotesTable, formatDate, linesTable, money, partyBlock, paymentsTable, statusLine, type Formatting } from './billing-view-parts.js';
import { invoiceStatuses, paymentStatuses, type InvoiceStatus, type PaymentStatus } from './billing.tables.js';
import type { InvoiceSummary, InvoiceView, PaymentView } from './read-billing.js';

const formatting = (request: FastifyRequest): Formatting => ({ tr: t(request), locale: request.locale ?? 'en' });
const consoleInvoiceHref = (id: string | null) => (id ? `/console/invoices/${id}` : null);

function statusFilter(request: FastifyRequest, action: string, options: readonly string[], selected: string | undefined, label: (value: string) => string): SafeHtml {
  const tr = t(request);
  return html`<form method="get" action="${action}" class="actions"><label for="field-status">${tr('billing.console.filter')}</label>
<select id="field-status" name="status"><option value="">${tr('billing.console.all')}</option>${options.map((o) => html`<option value="${o}"${o === selected ? html` selected` : ''}>${label(o)}</option>`)}</select>
<button type="submit" class="secondary">${tr('billing.console.show')}</button></form>`;
}

export function invoicesConsoleMain(request: FastifyRequest, invoices: readonly InvoiceSummary[], status: InvoiceStatus | undefined): SafeHtml {
  const f = formatting(request);
  const { tr } = f;
  const table = invoices.length === 0
    ? html`<p>${tr('billing.invoices.none')}</p>`
    : html`<div class="table-wrap"><table><caption>${tr('billing.console.invoicesCaption')}</caption>
<thead><tr><th scope="col">${tr('billing.col.number')}</th><th scope="col">${tr('billing.col.customer')}</th><th scope="col">${tr('billing.col.issued')}</th><th scope="col">${tr('billing.col.total')}</th><th scope="col">${tr('billing.col.status')}</th></tr></thead>
<tbody>${invoices.map((i) => html`<tr><td><a href="/console/invoices/${i.id}">${i.number}</a></td><td>${i.billingName}</td><td>${formatDate(i.issuedAt)}</td><td>${money(f, i.grossCents, i.currency)}</td><td>${tr(`billing.status.${i.status}`)}</td></tr>`)}</tbody></table></div>`;
  return html`${statusFilter(request, '/console/invoices', invoiceStatuses, status, (s) => tr(`billing.status.${s as InvoiceStatus}`))}${table}`;
}

export interface CreditNoteForm {
  readonly canIssue: boolean;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  readonly values?: { readonly amount?: string; readonly reason?: string };
  readonly issuedNumber?: string;
}

export function invoiceConsoleMain(request: FastifyRequest, csrf: string, invoice: InvoiceView, form: CreditNoteForm): SafeHtml {
  const f = formatting(request);
  const { tr } = f;
  const creditable = invoice.status === 'cancelled' ? 0 : invoice.grossCents - invoice.creditedCents;
  const creditForm = form.canIssue && creditable > 0
    ? html`<section aria-labelledby="credit-note-heading"><h2 id="credit-note-heading">${tr('billing.console.creditNote.heading')}</h2>
${errorSummary(request, form.errors, form.formError)}
<form method="post" action="/console/invoices/${invoice.id}/credit-notes">${hiddenCsrf(csrf)}
${field({ name: 'amount', label: tr('billing.console.creditNote.amount'), value: form.values?.amount, errors: form.errors, required: true, inputmode: 'text', hint: tr(invoice.status === 'paid' ? 'billing.console.creditNote.hintPaid' : 'billing.console.creditNote.hintOpen', { max: money(f, creditable, invoice.currency) }) })}
${field({ name: 'reason', label: tr('billing.console.creditNote.reason'), value: form.values?.reason, errors: form.errors, required: true, hint: tr('billing.console.creditNote.reasonHint') })}
<button type="submit">${tr('billing.console.creditNote.submit')}</button></form></section>`
    : '';
  return html`${notice(form.issuedNumber ? tr('billing.console.creditNote.issued', { number: form.issuedNumber }) : undefined)}
${statusLine(f, invoice)}
<section aria-labelledby="billed-to-heading"><h2 id="billed-to-heading">${tr('billing.billedTo')}</h2>${partyBlock(f, invoice.party)}</section>
<section aria-labelledby="lines-heading"><h2 id="lines-heading">${tr('billing.lines.heading')}</h2>${linesTable(f, invoice)}</section>
<section aria-labelledby="payments-heading"><h2 id="payments-heading">${tr('billing.payments.heading')}</h2>${paymentsTable(f, tr('billing.payments.invoiceCaption'), invoice.payments, { showReference: true })}</section>
<section aria-labelledby="credit-notes-heading"><h2 id="credit-notes-heading">${tr('billing.creditNotes.heading')}</h2>${creditNotesTable(f, tr('billing.creditNotes.invoiceCaption'), invoice.creditNotes)}</section>
${creditForm}
<p><a href="/console/invoices">${tr('billing.console.back')}</a></p>`;
}

export function paymentsConsoleMain(request: FastifyRequest, payments: readonly PaymentView[], status: PaymentStatus | undefined): SafeHtml {
  const f = formatting(request);
  const { tr } = f;
  return html`${statusFilter(request, '/console/payments', paymentStatuses, status, (s) => tr(`billing.paymentStatus.${s as PaymentStatus}`))}
${paymentsTable(f, tr('billing.console.paymentsCaption'), payments, { invoiceHref: (p) => consoleInvoiceHref(p.invoiceId), showReference: true })}`;
}
