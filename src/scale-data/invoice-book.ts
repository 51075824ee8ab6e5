import { chance, dayOf, dayStart, DAY, HOUR, MINUTE, type PlanContext } from './plan-context.js';
import { scaleRatios as ratios } from './scale-ratios.js';
import type { Random } from './scale-ids.js';

/** What a line says; the text is rendered in the customer's language when rows are built (service lines name the service id). */
export type LineText = { readonly kind: 'service' } | { readonly kind: 'register' | 'renew'; readonly years: number } | { readonly kind: 'transfer' };

export interface LinePlan {
  readonly item: { readonly kind: 'service' | 'domain'; readonly index: number };
  readonly text: LineText;
  readonly quantity: number;
  readonly unitCents: number;
}

export interface CreditPlan {
  readonly day: number;
  k: number;
  issuedAt: number;
  /** 1 credits the whole invoice, 0.5 half of it. */
  readonly share: 1 | 0.5;
  readonly reason: string;
  refundedAt: number;
}

export interface InvoicePlan {
  readonly day: number;
  /** Position among this customer's documents of that day; decides the exact time and number order. */
  k: number;
  issuedAt: number;
  readonly monthly: boolean;
  readonly lines: LinePlan[];
  readonly paidAt: number | null;
  readonly failedChargeAt: number | null;
  remindedAt: number | null;
  credit: CreditPlan | null;
}

export const paymentTermMs = 14 * DAY;

/**
 * A customer's invoices while their history is planned: each is paid (or not) when added, so later
 * events (activation, registration, renewal) can follow from the payment. Times within a day are
 * fixed by `finish`, once every document of the customer is known.
 */
export class InvoiceBook {
  readonly invoices: InvoicePlan[] = [];

  constructor(private readonly ctx: PlanContext, private readonly random: Random, private readonly slot: number, private readonly latePayer: boolean) {}

  /** This customer's time on a day; documents of the day follow it by a few milliseconds. */
  at(day: number): number {
    return dayStart(day) + this.slot;
  }

  add(day: number, lines: LinePlan[], monthly = false): number {
    const delay = MINUTE + Math.floor(this.random() * ratios.payWithinDaysMax * DAY);
    const failedCharge = chance(this.random, ratios.failedChargeShare);
    const late = this.latePayer && day >= this.ctx.asOfDay - 45;
    const paidAt = !late && this.at(day) + delay < this.ctx.asOf ? this.at(day) + delay : null;
    this.invoices.push({
      day, k: 0, issuedAt: 0, monthly, lines, paidAt,
      failedChargeAt: paidAt !== null && failedCharge ? Math.max(this.at(day) + 30_000, paidAt - HOUR) : null,
      remindedAt: null, credit: null,
    });
    return this.invoices.length - 1;
  }

  paidAt(index: number): number | null {
    return this.invoices[index]!.paidAt;
  }

  /** Credits a paid invoice the day after payment; the refund follows within the hour. */
  credit(index: number, share: 1 | 0.5, reason: string): void {
    const invoice = this.invoices[index]!;
    if (invoice.paidAt === null || invoice.credit) return;
    const day = dayOf(invoice.paidAt) + 1;
    if (day > this.ctx.asOfDay - 2) return;
    invoice.credit = { day, k: 0, issuedAt: 0, share, reason, refundedAt: 0 };
  }

  /** Orders documents of a day, sets exact times, and marks overdue invoices as reminded. */
  finish(): void {
    const perDay = new Map<number, number>();
    const next = (day: number) => {
      const k = perDay.get(day) ?? 0;
      perDay.set(day, k + 1);
      return k;
    };
    const order = this.invoices.map((invoice, index) => ({ invoice, index })).sort((a, b) => a.invoice.day - b.invoice.day || a.index - b.index);
    for (const { invoice } of order) {
      invoice.k = next(invoice.day);
      invoice.issuedAt = this.at(invoice.day) + invoice.k;
      const dueAt = invoice.issuedAt + paymentTermMs;
      if (invoice.paidAt === null && dueAt + HOUR < this.ctx.asOf) invoice.remindedAt = dueAt + HOUR;
    }
    const credits = order.filter(({ invoice }) => invoice.credit).sort((a, b) => a.invoice.credit!.day - b.invoice.credit!.day || a.index - b.index);
    for (const { invoice } of credits) {
      const credit = invoice.credit!;
      credit.k = next(credit.day);
      credit.issuedAt = this.at(credit.day) + credit.k;
      credit.refundedAt = credit.issuedAt + HOUR;
    }
  }

  /** Documents in the order of issue, for numbering. */
  documents(): { invoices: InvoicePlan[]; credits: InvoicePlan[] } {
    const byTime = (a: InvoicePlan, b: InvoicePlan) => a.issuedAt - b.issuedAt;
    return {
      invoices: [...this.invoices].sort(byTime),
      credits: this.invoices.filter((i) => i.credit).sort((a, b) => a.credit!.issuedAt - b.credit!.issuedAt),
    };
  }
}
