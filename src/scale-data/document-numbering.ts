import type { NumberSeries } from '../billing/billing.tables.js';
import { formatDocumentNumber } from '../billing/issue-invoice.js';
import type { InvoicePlan } from './invoice-book.js';
import { dayStart } from './plan-context.js';

const prefixes: Readonly<Record<NumberSeries, string>> = { invoice: '', credit_note: 'CN-' };
const yearOf = (day: number) => new Date(dayStart(day)).getUTCFullYear();

/**
 * Invoice and credit note numbers without gaps, per year, in the order of issue, as billing's own
 * numbering gives them (`2026-000042`, `CN-2026-000003`). A first pass counts each day's documents
 * over all customers; numbers are then handed out day by day in customer order, which is the
 * order of issue because each customer's time slot of a day rises with the index.
 */
export class DocumentNumbering {
  readonly #perDay: Record<NumberSeries, Map<number, number>> = { invoice: new Map(), credit_note: new Map() };
  #starts: Record<NumberSeries, Map<number, number>> | null = null;
  readonly #handedOut: Record<NumberSeries, Map<number, number>> = { invoice: new Map(), credit_note: new Map() };

  /** First pass: one customer's documents. */
  count(documents: { invoices: readonly InvoicePlan[]; credits: readonly InvoicePlan[] }): void {
    for (const invoice of documents.invoices) bump(this.#perDay.invoice, invoice.day);
    for (const invoice of documents.credits) bump(this.#perDay.credit_note, invoice.credit!.day);
  }

  /** Second pass, customers in index order: the numbers of one customer's documents. */
  assign(documents: { invoices: readonly InvoicePlan[]; credits: readonly InvoicePlan[] }): { invoices: Map<InvoicePlan, string>; credits: Map<InvoicePlan, string> } {
    const starts = (this.#starts ??= { invoice: startsOf(this.#perDay.invoice), credit_note: startsOf(this.#perDay.credit_note) });
    const take = (series: NumberSeries, day: number) => {
      const handed = this.#handedOut[series].get(day) ?? 0;
      this.#handedOut[series].set(day, handed + 1);
      return formatDocumentNumber(prefixes[series], yearOf(day), (starts[series].get(day) ?? 0) + handed + 1);
    };
    return {
      invoices: new Map(documents.invoices.map((invoice) => [invoice, take('invoice', invoice.day)])),
      credits: new Map(documents.credits.map((invoice) => [invoice, take('credit_note', invoice.credit!.day)])),
    };
  }

  /** The last number of each series and year once every document is out: the sequence table's rows. */
  lastNumbers(): Array<{ series: NumberSeries; year: number; last_number: number }> {
    return (['invoice', 'credit_note'] as const).flatMap((series) => {
      const perYear = new Map<number, number>();
      for (const [day, count] of this.#perDay[series]) perYear.set(yearOf(day), (perYear.get(yearOf(day)) ?? 0) + count);
      return [...perYear].map(([year, last]) => ({ series, year, last_number: last }));
    });
  }

  total(series: NumberSeries): number {
    let sum = 0;
    for (const count of this.#perDay[series].values()) sum += count;
    return sum;
  }
}

function bump(map: Map<number, number>, day: number): void {
  map.set(day, (map.get(day) ?? 0) + 1);
}

/** For each day: how many documents of its year were issued on earlier days. */
function startsOf(perDay: Map<number, number>): Map<number, number> {
  const starts = new Map<number, number>();
  let year = -1;
  let running = 0;
  for (const day of [...perDay.keys()].sort((a, b) => a - b)) {
    if (yearOf(day) !== year) {
      year = yearOf(day);
      running = 0;
    }
    starts.set(day, running);
    running += perDay.get(day)!;
  }
  return starts;
}
