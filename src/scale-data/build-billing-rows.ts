import { lineAmounts, retentionStartFor, splitGross, sumAmounts } from '../billing/invoice-amounts.js';
import { paymentReminderKind } from '../billing/issue-invoice.js';
import { translator } from '../i18n/i18n.js';
import { date, dateOrNull, type BuildContext, type ChunkRows } from './chunk-rows.js';
import type { CustomerPlan } from './customer-plan.js';
import { paymentTermMs, type InvoicePlan, type LinePlan } from './invoice-book.js';
import type { BuiltAccount } from './build-account-rows.js';
import { derivedBytes } from './scale-ids.js';

/** Ids of what invoice lines pay for, allocated before the invoices so lines and items can point at each other. */
export interface ItemIds {
  readonly services: readonly string[];
  readonly domains: readonly string[];
}

/** The test card the local processor declines; an expired checkout before the successful one shows it. */
const declinedCard = { brand: 'visa', last4: '0002' } as const;

/**
 * Invoices with their lines, payments (and declined attempts), credit notes with their refunds,
 * and the reminder jobs of invoices not yet due. The billing party is the snapshot billing takes
 * at issue time: name, company, address and VAT id in clear, as tax records must keep them.
 */
export function buildBillingRows(build: BuildContext, rows: ChunkRows, plan: CustomerPlan, owner: BuiltAccount, items: ItemIds, invoiceIds: ReadonlyMap<InvoicePlan, string>): void {
  const numbers = build.numbering.assign(plan.book.documents());
  const tr = translator(plan.person.locale);
  const party = billingParty(plan);
  const describe = (line: LinePlan): string => {
    if (line.text.kind === 'service') {
      const service = plan.services[line.item.index]!;
      return tr('services.invoiceLine', { plan: service.plan.name, reference: items.services[line.item.index]!.slice(0, 8) });
    }
    const tld = plan.domains[line.item.index]!.tld.tld;
    return line.text.kind === 'transfer' ? tr('domains.invoice.transfer', { tld }) : tr(`domains.invoice.${line.text.kind}`, { tld, years: line.text.years });
  };
  const link = { account_id: owner.accountId, subject_id: owner.subjectId };
  for (const invoice of plan.book.invoices) {
    const id = invoiceIds.get(invoice)!;
    const number = numbers.invoices.get(invoice)!;
    const retention = retentionStartFor(date(invoice.issuedAt));
    const amounts = invoice.lines.map((line) => lineAmounts(line.quantity, line.unitCents, build.taxRateBasisPoints));
    const totals = sumAmounts(amounts);
    const credit = invoice.credit;
    const creditGross = credit ? (credit.share === 1 ? totals.grossCents : Math.floor(totals.grossCents / 2)) : 0;
    rows.invoices.push({
      id, number, ...link, status: invoice.paidAt === null ? 'open' : 'paid', currency: build.currency,
      net_cents: totals.netCents, tax_cents: totals.taxCents, gross_cents: totals.grossCents, credited_cents: creditGross,
      billing_name: party.name, billing_company: party.company, billing_address: party.address, billing_vat_id: party.vatId,
      issued_at: date(invoice.issuedAt), due_at: date(invoice.issuedAt + paymentTermMs), paid_at: dateOrNull(invoice.paidAt),
      reminded_at: dateOrNull(invoice.remindedAt), retention_starts_at: retention,
    });
    invoice.lines.forEach((line, position) => {
      const itemId = line.item.kind === 'service' ? items.services[line.item.index]! : items.domains[line.item.index]!;
      rows.invoice_lines.push({
        id: plan.ids.nextId(), invoice_id: id, subject_id: owner.subjectId, position: position + 1, description: describe(line),
        quantity: line.quantity, unit_net_cents: line.unitCents, tax_rate_basis_points: build.taxRateBasisPoints,
        net_cents: amounts[position]!.netCents, tax_cents: amounts[position]!.taxCents, gross_cents: amounts[position]!.grossCents,
        item_kind: line.item.kind, item_id: itemId, retention_starts_at: retention,
      });
    });
    const payment = (kind: 'charge' | 'refund', status: 'succeeded' | 'expired', amount: number, at: { created: number; completed: number }, card: { brand: string; last4: string } | null, creditNoteId: string | null) => {
      const paymentId = plan.ids.nextId();
      rows.payments.push({
        id: paymentId, invoice_id: id, invoice_number: number, credit_note_id: creditNoteId, ...link, kind, processor: build.processor,
        processor_reference: `tp_${derivedBytes('payment', paymentId, 12).toString('base64url')}`, status, amount_cents: amount, currency: build.currency,
        card_brand: card?.brand ?? null, card_last4: card?.last4 ?? null, created_at: date(at.created), completed_at: date(at.completed),
        checkout_url: null, checkout_expires_at: null, retention_starts_at: retentionStartFor(date(at.completed)),
      });
    };
    if (invoice.paidAt !== null) {
      // A declined card leaves a failed checkout, expired when the customer starts the one that succeeds.
      if (invoice.failedChargeAt !== null) payment('charge', 'expired', totals.grossCents, { created: invoice.failedChargeAt - 20_000, completed: Math.max(invoice.failedChargeAt + 1000, invoice.paidAt - 60_000) }, declinedCard, null);
      payment('charge', 'succeeded', totals.grossCents, { created: invoice.paidAt - 20_000, completed: invoice.paidAt }, plan.card, null);
    }
    if (invoice.paidAt === null && invoice.remindedAt === null) {
      rows.jobs.push({
        id: plan.ids.nextId(), kind: paymentReminderKind, payload: { invoiceId: id }, status: 'queued',
        run_at: date(invoice.issuedAt + paymentTermMs), attempts: 0, max_attempts: 8, locked_by: null, locked_until: null, last_error: null,
        dedupe_key: `${paymentReminderKind}:${id}`, created_at: date(invoice.issuedAt), finished_at: null,
      });
    }
    if (credit) {
      const creditNoteId = plan.ids.nextId();
      const split = splitGross(creditGross, build.taxRateBasisPoints);
      rows.credit_notes.push({
        id: creditNoteId, number: numbers.credits.get(invoice)!, invoice_id: id, invoice_number: number, ...link, currency: build.currency,
        tax_rate_basis_points: build.taxRateBasisPoints, net_cents: split.netCents, tax_cents: split.taxCents, gross_cents: split.grossCents,
        reason: credit.reason, billing_name: party.name, billing_company: party.company, billing_address: party.address, billing_vat_id: party.vatId,
        refund_status: 'refunded', issued_at: date(credit.issuedAt), retention_starts_at: retentionStartFor(date(credit.issuedAt)),
      });
      payment('refund', 'succeeded', creditGross, { created: credit.issuedAt, completed: credit.refundedAt }, null, creditNoteId);
    }
  }
}

/** As billing's readBillingParty renders it: address lines, postal code and city, region, country. */
function billingParty(plan: CustomerPlan): { name: string; company: string | null; address: string | null; vatId: string | null } {
  const profile = plan.profile;
  const name = `${plan.person.firstName} ${plan.person.lastName}`;
  if (!profile) return { name, company: null, address: null, vatId: null };
  const address = [profile.addressLines, `${profile.postalCode} ${profile.city}`, profile.country].join('\n');
  return { name, company: profile.company, address, vatId: profile.vatId };
}
