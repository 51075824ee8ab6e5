import type { Translate } from '../i18n/i18n.js';
import { formatDate } from './billing-view-parts.js';
import { formatMoney, formatRate } from './invoice-amounts.js';
import { a4, renderPdf, wrapText, type PdfPage, type PdfRule, type PdfText } from './pdf-document.js';
import type { InvoiceView } from './read-billing.js';
import type { Supplier } from './supplier.js';

const left = 50;
const right = a4.width - 50;
const bottom = 70;
const lineHeight = 12;
const size = 9;
/** Right edges of the amount columns; the description takes the space before them. */
const columns = { quantity: 262, unitNet: 327, net: 392, rate: 432, tax: 487, gross: right } as const;
const descriptionWidth = 195;

class PageBuilder {
  readonly pages: Array<{ texts: PdfText[]; rules: PdfRule[] }> = [];
  y = 0;

  constructor(private readonly header: (page: PageBuilder) => void) {
    this.newPage();
  }

  get current() {
    return this.pages.at(-1)!;
  }

  newPage(): void {
    this.pages.push({ texts: [], rules: [] });
    this.y = a4.height - 60;
    if (this.pages.length > 1) this.header(this);
  }

  /** Room for `lines` more lines, else a new page (with the table header again). */
  ensure(lines: number): void {
    if (this.y - lines * lineHeight < bottom) this.newPage();
  }

  text(text: string, x: number, options: { bold?: boolean; size?: number; align?: 'left' | 'right' } = {}): void {
    this.current.texts.push({ x, y: this.y, size: options.size ?? size, text, bold: options.bold, align: options.align });
  }

  rule(): void {
    this.current.rules.push({ x1: left, x2: right, y: this.y + lineHeight - 3 });
  }
}

/**
 * The invoice as a PDF: supplier, billing party, facts, every line with net, VAT and gross, the
 * totals, and "page n of m" on each page. Long invoices continue on further pages, header repeated.
 */
export function invoicePdf(tr: Translate, locale: string, invoice: InvoiceView, supplier: Supplier, createdAt: Date): Buffer {
  const m = (cents: number) => formatMoney(cents, invoice.currency, locale);
  const tableHeader = (page: PageBuilder) => {
    page.text(tr('billing.col.description'), left, { bold: true });
    page.text(tr('billing.pdf.col.quantity'), columns.quantity, { bold: true, align: 'right' });
    page.text(tr('billing.pdf.col.unitNet'), columns.unitNet, { bold: true, align: 'right' });
    page.text(tr('billing.pdf.col.net'), columns.net, { bold: true, align: 'right' });
    page.text(tr('billing.pdf.col.rate'), columns.rate, { bold: true, align: 'right' });
    page.text(tr('billing.pdf.col.tax'), columns.tax, { bold: true, align: 'right' });
    page.text(tr('billing.pdf.col.gross'), columns.gross, { bold: true, align: 'right' });
    page.y -= lineHeight;
    page.rule();
    page.y -= 4;
  };
  const page = new PageBuilder((p) => {
    p.text(`${tr('billing.pdf.title')} ${invoice.number}`, left, { bold: true, size: 11 });
    p.y -= lineHeight * 2;
    tableHeader(p);
  });

  page.text(supplier.legalName, left, { bold: true, size: 14 });
  page.y -= 16;
  for (const line of supplier.address.split('\n')) {
    page.text(line, left);
    page.y -= lineHeight;
  }
  page.y -= 24;
  page.text(`${tr('billing.pdf.title')} ${invoice.number}`, left, { bold: true, size: 18 });
  page.y -= 30;

  const top = page.y;
  page.text(tr('billing.billedTo'), left, { bold: true });
  page.y -= lineHeight;
  const party = [invoice.party.company, invoice.party.name, ...(invoice.party.address?.split('\n') ?? []), invoice.party.vatId ? tr('billing.vatId', { vatId: invoice.party.vatId }) : null];
  for (const line of party.filter((l): l is string => Boolean(l))) {
    for (const wrapped of wrapText(line, 250, size)) {
      page.text(wrapped, left);
      page.y -= lineHeight;
    }
  }
  const afterParty = page.y;
  page.y = top;
  const facts: Array<[string, string]> = [
    [tr('billing.pdf.number'), invoice.number],
    [tr('billing.col.issued'), formatDate(invoice.issuedAt)],
    [tr('billing.col.due'), formatDate(invoice.dueAt)],
    [tr('billing.col.status'), invoice.paidAt ? `${tr(`billing.status.${invoice.status}`)}, ${formatDate(invoice.paidAt)}` : tr(`billing.status.${invoice.status}`)],
  ];
  for (const [label, value] of facts) {
    page.text(label, 340, { bold: true });
    page.text(value, right, { align: 'right' });
    page.y -= lineHeight;
  }
  page.y = Math.min(afterParty, page.y) - 24;
  tableHeader(page);

  for (const line of invoice.lines) {
    const description = wrapText(line.description, descriptionWidth, size);
    page.ensure(description.length);
    page.text(description[0] ?? '', left);
    page.text(String(line.quantity), columns.quantity, { align: 'right' });
    page.text(m(line.unitNetCents), columns.unitNet, { align: 'right' });
    page.text(m(line.netCents), columns.net, { align: 'right' });
    page.text(formatRate(line.taxRateBasisPoints, locale), columns.rate, { align: 'right' });
    page.text(m(line.taxCents), columns.tax, { align: 'right' });
    page.text(m(line.grossCents), columns.gross, { align: 'right' });
    for (const more of description.slice(1)) {
      page.y -= lineHeight;
      page.text(more, left);
    }
    page.y -= lineHeight + 2;
  }

  const totals: Array<[string, string, boolean]> = [
    [tr('billing.total.net'), m(invoice.netCents), false],
    [tr('billing.total.tax'), m(invoice.taxCents), false],
    [tr('billing.total.gross'), m(invoice.grossCents), true],
    ...(invoice.creditedCents > 0 ? [[tr('billing.total.credited'), m(invoice.creditedCents), false] as [string, string, boolean]] : []),
    ...(invoice.status === 'open' ? [[tr('billing.total.due'), m(invoice.dueCents), true] as [string, string, boolean]] : []),
  ];
  page.ensure(totals.length + 1);
  page.rule();
  page.y -= 4;
  for (const [label, value, bold] of totals) {
    page.text(label, columns.tax, { bold, align: 'right' });
    page.text(value, columns.gross, { bold, align: 'right' });
    page.y -= lineHeight;
  }

  const pages: PdfPage[] = page.pages.map((p, i) => ({
    rules: p.rules,
    texts: [...p.texts, { x: right, y: 40, size: 8, align: 'right' as const, text: tr('billing.pdf.page', { page: i + 1, pages: page.pages.length }) }, { x: left, y: 40, size: 8, text: supplier.legalName }],
  }));
  return renderPdf(pages, { title: `${tr('billing.pdf.title')} ${invoice.number}`, createdAt });
}
