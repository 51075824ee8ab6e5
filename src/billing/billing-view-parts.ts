import { html, type SafeHtml } from '../http/html.js';
import type { Translate } from '../i18n/i18n.js';
import { formatMoney, formatRate } from './invoice-amounts.js';
import type { CreditNoteView, InvoiceView, PaymentView } from './read-billing.js';

/** Pieces shared by the customer's and the staff's invoice pages. */
export interface Formatting {
  readonly tr: Translate;
  readonly locale: string;
}

export const formatDate = (at: Date) => at.toISOString().slice(0, 10);

export function money(f: Formatting, cents: number, currency: string): string {
  return formatMoney(cents, currency, f.locale);
}

/** "Visa ending 4242"; brand and last four digits are all a payment ever shows. */
export function cardLabel(f: Formatting, card: PaymentView['card']): string {
  if (!card) return '—';
  const brand = card.brand === 'visa' ? 'Visa' : card.brand === 'mastercard' ? 'Mastercard' : card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return f.tr('billing.card', { brand, last4: card.last4 });
}

export function partyBlock(f: Formatting, party: InvoiceView['party']): SafeHtml {
  return html`<address class="billing-party">${party.company ? html`${party.company}<br>` : ''}${party.name}${party.address ? party.address.split('\n').map((line) => html`<br>${line}`) : ''}${party.vatId ? html`<br>${f.tr('billing.vatId', { vatId: party.vatId })}` : ''}</address>`;
}

export function linesTable(f: Formatting, invoice: InvoiceView): SafeHtml {
  const { tr } = f;
  const m = (cents: number) => money(f, cents, invoice.currency);
  const total = (label: string, value: string, strong = false) => html`<tr><th scope="row" colspan="6">${label}</th><td>${strong ? html`<strong>${value}</strong>` : value}</td></tr>`;
  return html`<div class="table-wrap"><table><caption>${tr('billing.lines.caption')}</caption>
<thead><tr><th scope="col">${tr('billing.col.description')}</th><th scope="col">${tr('billing.col.quantity')}</th><th scope="col">${tr('billing.col.unitNet')}</th><th scope="col">${tr('billing.col.net')}</th><th scope="col">${tr('billing.col.taxRate')}</th><th scope="col">${tr('billing.col.tax')}</th><th scope="col">${tr('billing.col.gross')}</th></tr></thead>
<tbody>${invoice.lines.map((line) => html`<tr><td>${line.description}</td><td>${line.quantity}</td><td>${m(line.unitNetCents)}</td><td>${m(line.netCents)}</td><td>${formatRate(line.taxRateBasisPoints, f.locale)}</td><td>${m(line.taxCents)}</td><td>${m(line.grossCents)}</td></tr>`)}</tbody>
<tfoot>${total(tr('billing.total.net'), m(invoice.netCents))}${total(tr('billing.total.tax'), m(invoice.taxCents))}${total(tr('billing.total.gross'), m(invoice.grossCents), true)}${invoice.creditedCents > 0 ? total(tr('billing.total.credited'), m(invoice.creditedCents)) : ''}${invoice.status === 'open' ? total(tr('billing.total.due'), m(invoice.dueCents), true) : ''}</tfoot>
</table></div>`;
}

export function statusLine(f: Formatting, invoice: InvoiceView): SafeHtml {
  const { tr } = f;
  return html`<dl class="invoice-facts">
<dt>${tr('billing.col.status')}</dt><dd><strong>${tr(`billing.status.${invoice.status}`)}</strong>${invoice.paidAt ? html` (${tr('billing.paidOn', { date: formatDate(invoice.paidAt) })})` : ''}</dd>
<dt>${tr('billing.col.issued')}</dt><dd>${formatDate(invoice.issuedAt)}</dd>
<dt>${tr('billing.col.due')}</dt><dd>${formatDate(invoice.dueAt)}</dd>
</dl>`;
}

export function paymentsTable(f: Formatting, caption: string, payments: readonly PaymentView[], options: { invoiceHref?: (payment: PaymentView) => string | null; showReference?: boolean } = {}): SafeHtml {
  const { tr } = f;
  if (payments.length === 0) return html`<p>${tr('billing.payments.none')}</p>`;
  return html`<div class="table-wrap"><table><caption>${caption}</caption>
<thead><tr><th scope="col">${tr('billing.col.date')}</th><th scope="col">${tr('billing.col.invoice')}</th><th scope="col">${tr('billing.col.kind')}</th><th scope="col">${tr('billing.col.amount')}</th><th scope="col">${tr('billing.col.status')}</th><th scope="col">${tr('billing.col.card')}</th>${options.showReference ? html`<th scope="col">${tr('billing.col.reference')}</th>` : ''}</tr></thead>
<tbody>${payments.map((p) => {
    const href = options.invoiceHref?.(p) ?? null;
    return html`<tr><td>${formatDate(p.completedAt ?? p.createdAt)}</td><td>${href ? html`<a href="${href}">${p.invoiceNumber}</a>` : p.invoiceNumber}</td><td>${tr(`billing.kind.${p.kind}`)}</td><td>${money(f, p.amountCents, p.currency)}</td><td>${tr(`billing.paymentStatus.${p.status}`)}</td><td>${cardLabel(f, p.card)}</td>${options.showReference ? html`<td><code>${p.processorReference}</code></td>` : ''}</tr>`;
  })}</tbody></table></div>`;
}

export function creditNotesTable(f: Formatting, caption: string, notes: readonly CreditNoteView[], invoiceHref?: (note: CreditNoteView) => string | null): SafeHtml {
  const { tr } = f;
  if (notes.length === 0) return html`<p>${tr('billing.creditNotes.none')}</p>`;
  return html`<div class="table-wrap"><table><caption>${caption}</caption>
<thead><tr><th scope="col">${tr('billing.col.number')}</th><th scope="col">${tr('billing.col.invoice')}</th><th scope="col">${tr('billing.col.issued')}</th><th scope="col">${tr('billing.col.amount')}</th><th scope="col">${tr('billing.col.reason')}</th><th scope="col">${tr('billing.col.refund')}</th></tr></thead>
<tbody>${notes.map((n) => {
    const href = invoiceHref?.(n) ?? null;
    return html`<tr><td>${n.number}</td><td>${href ? html`<a href="${href}">${n.invoiceNumber}</a>` : n.invoiceNumber}</td><td>${formatDate(n.issuedAt)}</td><td>${money(f, n.grossCents, n.currency)}</td><td>${n.reason}</td><td>${tr(`billing.refundStatus.${n.refundStatus}`)}</td></tr>`;
  })}</tbody></table></div>`;
}
