import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import { creditNotesTable, formatDate, linesTable, money, partyBlock, paymentsTable, statusLine, type Formatting } from './billing-view-parts.js';
import type { BillingOverview, InvoiceView } from './read-billing.js';
import type { Supplier } from './supplier.js';

const formatting = (request: FastifyRequest): Formatting => ({ tr: t(request), locale: request.locale ?? 'en' });
const invoiceHref = (id: string | null) => (id ? `/account/billing/invoices/${id}` : null);

export function renderBillingPage(request: FastifyRequest, csrfToken: string, overview: BillingOverview): SafeHtml {
  const f = formatting(request);
  const { tr } = f;
  const invoices = overview.invoices.length === 0
    ? html`<p>${tr('billing.invoices.none')}</p>`
    : html`<div class="table-wrap"><table><caption>${tr('billing.invoices.caption')}</caption>
<thead><tr><th scope="col">${tr('billing.col.number')}</th><th scope="col">${tr('billing.col.issued')}</th><th scope="col">${tr('billing.col.due')}</th><th scope="col">${tr('billing.col.total')}</th><th scope="col">${tr('billing.col.status')}</th></tr></thead>
<tbody>${overview.invoices.map((i) => html`<tr><td><a href="/account/billing/invoices/${i.id}">${i.number}</a></td><td>${formatDate(i.issuedAt)}</td><td>${formatDate(i.dueAt)}</td><td>${money(f, i.grossCents, i.currency)}</td><td>${tr(`billing.status.${i.status}`)}</td></tr>`)}</tbody></table></div>`;
  const main = html`<p>${tr('billing.intro')}</p>
<section aria-labelledby="invoices-heading"><h2 id="invoices-heading">${tr('billing.invoices.heading')}</h2>${invoices}</section>
<section aria-labelledby="credit-notes-heading"><h2 id="credit-notes-heading">${tr('billing.creditNotes.heading')}</h2>${creditNotesTable(f, tr('billing.creditNotes.caption'), overview.creditNotes, (n) => invoiceHref(n.invoiceId))}</section>
<section aria-labelledby="payments-heading"><h2 id="payments-heading">${tr('billing.payments.heading')}</h2>${paymentsTable(f, tr('billing.payments.caption'), overview.payments, { invoiceHref: (p) => invoiceHref(p.invoiceId) })}</section>`;
  return renderPage({ request, title: tr('billing.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

export type CheckoutNotice = 'returned' | 'cancelled' | undefined;

export function renderInvoicePage(request: FastifyRequest, csrfToken: string, invoice: InvoiceView, supplier: Supplier, checkout: CheckoutNotice): SafeHtml {
  const f = formatting(request);
  const { tr } = f;
  const returnedNotice = checkout === 'returned' ? (invoice.status === 'paid' ? tr('billing.checkout.confirmed') : tr('billing.checkout.waiting')) : checkout === 'cancelled' ? tr('billing.checkout.cancelled') : undefined;
  const pay = invoice.status === 'open' && invoice.dueCents > 0
    ? html`<form method="post" action="/account/billing/invoices/${invoice.id}/pay" class="actions">${hiddenCsrf(csrfToken)}
<p class="hint" id="pay-hint">${tr('billing.pay.hint')}</p>
<button type="submit" aria-describedby="pay-hint">${tr('billing.pay.button', { amount: money(f, invoice.dueCents, invoice.currency) })}</button></form>`
    : '';
  const main = html`${notice(returnedNotice)}
${statusLine(f, invoice)}
${pay}
<p><a href="/account/billing/invoices/${invoice.id}.pdf" download="invoice-${invoice.number}.pdf">${tr('billing.pdf.download')}</a></p>
<div class="billing-parties">
<section aria-labelledby="billed-to-heading"><h2 id="billed-to-heading">${tr('billing.billedTo')}</h2>${partyBlock(f, invoice.party)}</section>
<section aria-labelledby="supplier-heading"><h2 id="supplier-heading">${tr('billing.from')}</h2><address>${supplier.legalName}${supplier.address.split('\n').map((line) => html`<br>${line}`)}</address></section>
</div>
<section aria-labelledby="lines-heading"><h2 id="lines-heading">${tr('billing.lines.heading')}</h2>${linesTable(f, invoice)}</section>
<section aria-labelledby="invoice-payments-heading"><h2 id="invoice-payments-heading">${tr('billing.payments.heading')}</h2>${paymentsTable(f, tr('billing.payments.invoiceCaption'), invoice.payments.filter((p) => p.status !== 'pending'))}</section>
${invoice.creditNotes.length > 0 ? html`<section aria-labelledby="invoice-credit-notes-heading"><h2 id="invoice-credit-notes-heading">${tr('billing.creditNotes.heading')}</h2>${creditNotesTable(f, tr('billing.creditNotes.invoiceCaption'), invoice.creditNotes)}</section>` : ''}
${checkout === 'returned' && invoice.status !== 'paid' ? html`<p><a href="/account/billing/invoices/${invoice.id}">${tr('billing.checkout.checkAgain')}</a></p>` : ''}
<p><a href="/account/billing">${tr('billing.back')}</a></p>`;
  return renderPage({ request, title: tr('billing.invoice.title', { number: invoice.number }), area: 'account', main, csrfToken, nav: accountNav(request) });
}
