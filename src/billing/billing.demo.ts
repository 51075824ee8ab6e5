import { payWithTestCard } from './pay-with-test-card.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { issueCreditNote } from './issue-credit-note.js';
import { issueInvoice, type InvoiceLineInput } from './issue-invoice.js';

const demoContext = () => ({ ...systemContext('dpv:ServiceProvision'), requestId: 'demo-seed' });

const plans: ReadonlyArray<{ name: string; cents: number }> = [
  { name: 'Web hosting Basic, one month', cents: 499 },
  { name: 'Web hosting Business, one month', cents: 1299 },
  { name: 'Virtual server S, one month', cents: 1900 },
];
const extras: ReadonlyArray<{ name: string; cents: number }> = [
  { name: 'Domain registration, one year', cents: 1190 },
  { name: 'SSL certificate, one year', cents: 2900 },
  { name: 'Extra mailbox, one month', cents: 150 },
];

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length) % items.length]!;

/**
 * Demo billing for one customer, through the same use cases as real use: three invoices; the first
 * two paid through the test processor (checkout, then its signed webhook), the third open; and a
 * credit note against the second, refunded through the processor by the worker.
 */
export async function seedBillingDemo(deps: AppDeps, customer: { accountId: string; subjectId: string }, random: () => number): Promise<void> {
  const invoices: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const lines: InvoiceLineInput[] = [{ description: pick(plans, random).name, quantity: 1, unitAmountCents: pick(plans, random).cents }];
    if (random() < 0.7) {
      const extra = pick(extras, random);
      lines.push({ description: extra.name, quantity: 1 + Math.floor(random() * 2), unitAmountCents: extra.cents });
    }
    const issued = await inTransaction(deps.db, demoContext(), (ctx) => issueInvoice(deps, ctx, { ...customer, lines }));
    invoices.push(issued.invoiceId);
  }
  const cards = [{ brand: 'visa', last4: '4242' }, { brand: 'mastercard', last4: '4444' }];
  for (const [index, invoiceId] of invoices.slice(0, 2).entries()) {
    if (!(await payWithTestCard(deps, demoContext(), customer.accountId, invoiceId, cards[index]))) return;
  }
  await inTransaction(deps.db, demoContext(), (ctx) => issueCreditNote(deps, ctx, { invoiceId: invoices[1]!, grossCents: 100, reason: 'Goodwill credit for a maintenance window that ran longer than announced' }));
}
