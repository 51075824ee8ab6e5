import type { Generated } from 'kysely';
import type { ErasureAction, TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';
import type { BillableKind } from './fulfil-jobs.js';

export const invoiceStatuses = ['open', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
/** pending/failed: a checkout that may still be paid; expired: superseded or voided; refunded: a charge given back in full. */
export const paymentStatuses = ['pending', 'succeeded', 'failed', 'expired', 'refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const refundStatuses = ['none', 'pending', 'refunded', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];
export type NumberSeries = 'invoice' | 'credit_note';

/** The billing party as it stood when a document was issued; tax law asks for exactly this. */
interface BillingPartyColumns {
  billing_name: string;
  billing_company: string | null;
  billing_address: string | null;
  billing_vat_id: string | null;
}

export interface BillingNumberSequencesTable {
  series: NumberSeries;
  year: number;
  last_number: number;
}

export interface InvoicesTable extends BillingPartyColumns {
  id: Generated<string>;
  number: string;
  account_id: string | null;
  subject_id: string | null;
  status: Generated<InvoiceStatus>;
  currency: string;
  net_cents: number;
  tax_cents: number;
  gross_cents: number;
  credited_cents: Generated<number>;
  issued_at: Date;
  due_at: Date;
  paid_at: Date | null;
  reminded_at: Date | null;
  retention_starts_at: Date;
}

export interface InvoiceLinesTable {
  id: Generated<string>;
  invoice_id: string;
  subject_id: string | null;
  position: number;
  description: string;
  quantity: number;
  unit_net_cents: number;
  tax_rate_basis_points: number;
  net_cents: number;
  tax_cents: number;
  gross_cents: number;
  item_kind: BillableKind | null;
  item_id: string | null;
  retention_starts_at: Date;
}

export interface CreditNotesTable extends BillingPartyColumns {
  id: Generated<string>;
  number: string;
  invoice_id: string | null;
  invoice_number: string;
  account_id: string | null;
  subject_id: string | null;
  currency: string;
  tax_rate_basis_points: number;
  net_cents: number;
  tax_cents: number;
  gross_cents: number;
  reason: string;
  refund_status: RefundStatus;
  issued_at: Date;
  retention_starts_at: Date;
}

export interface PaymentsTable {
  id: Generated<string>;
  invoice_id: string | null;
  invoice_number: string;
  credit_note_id: string | null;
  account_id: string | null;
  subject_id: string | null;
  kind: 'charge' | 'refund';
  processor: string;
  processor_reference: string;
  status: PaymentStatus;
  amount_cents: number;
  currency: string;
  card_brand: string | null;
  card_last4: string | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
  checkout_url: string | null;
  checkout_expires_at: Date | null;
  retention_starts_at: Date;
}

export interface PaymentWebhookEventsTable {
  id: Generated<string>;
  processor: string;
  event_id: string | null;
  outcome: 'processed' | 'ignored' | 'refused';
  reason: string;
  received_at: Generated<Date>;
}

/** The Kysely tables of billing; merged into Database. */
export interface BillingDatabase {
  billing_number_sequences: BillingNumberSequencesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  credit_notes: CreditNotesTable;
  payments: PaymentsTable;
  payment_webhook_events: PaymentWebhookEventsTable;
}

/**
 * Kept through erasure: invoices and credit notes are tax records. §14(4) UStG puts the recipient's
 * name and address on the invoice, §147(1),(3) AO and §257(1),(4) HGB make the provider keep issued
 * invoices and bookkeeping vouchers for ten years from the end of the calendar year.
 */
const keptForTax: ErasureAction = {
  action: 'keep',
  legalBasis: 'eu-gdpr:A6-1-c',
  reason: 'Commercial and tax law retention of issued invoices, credit notes and bookkeeping vouchers (§147 AO, §257 HGB, §14 UStG)',
  period: { config: 'taxRecords' },
};

/** After erasure nothing ties a kept document to the account or the subject: the law needs the document, not the link. */
const linkCutOnErasure = (what: string) =>
  personal('pd:Identifier', { action: 'deattribute' }, { note: `${what}; set to null on erasure, so the kept tax record no longer points to the erased person's account or subject` });

const taxRetention = (what: string) => ({
  kind: 'after' as const,
  column: 'retention_starts_at',
  period: { config: 'taxRecords' as const },
  description: `${what} are kept for the tax retention period, counted from the end of the calendar year of issue (§147(4) AO, §257(5) HGB), then deleted; erasure of the customer cuts their link to the account.`,
});

const retentionStart = notPersonal('end of the calendar year of issue: the legal retention period starts here (§147(4) AO)');

const billingParty = {
  billing_name: personal('pd:Name', keptForTax, { note: 'snapshot at issue time, stored in clear (not sealed with the subject key) so erasure keeps what the invoice must show' }),
  billing_company: personal('pd:Name', keptForTax, { note: 'company name snapshot at issue time, if any' }),
  billing_address: personal('pd:PhysicalAddress', keptForTax, { note: 'postal address snapshot at issue time, if any' }),
  billing_vat_id: personal('pd:Identifier', keptForTax, { note: 'VAT identification number snapshot at issue time, if any' }),
};

export const billingNumberSequencesTable = defineTable<BillingNumberSequencesTable>({
  table: 'billing_number_sequences',
  description: 'The last number used per document series and year, so invoice and credit note numbers have no gaps.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'counters only' },
  purposes: ['dpv:LegalCompliance'],
  legalBasis: null,
  retention: { kind: 'system', description: 'One row per series and year; kept with the documents it numbers.' },
  columns: { series: notPersonal(), year: notPersonal(), last_number: notPersonal() },
});

export const invoicesTable = defineTable<InvoicesTable>({
  table: 'invoices',
  description: 'Invoices issued to customers: totals, dates, status and the billing party as it stood at issue time.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: taxRetention('Invoices'),
  columns: {
    id: notPersonal(),
    number: notPersonal('sequential per year without gaps, e.g. 2026-000042'),
    account_id: linkCutOnErasure('the customer account the invoice was issued to'),
    subject_id: linkCutOnErasure('the customer as a data subject'),
    status: notPersonal(),
    currency: notPersonal(),
    net_cents: notPersonal(),
    tax_cents: notPersonal(),
    gross_cents: notPersonal(),
    credited_cents: notPersonal('sum of credit notes against this invoice'),
    ...billingParty,
    issued_at: notPersonal(),
    due_at: notPersonal(),
    paid_at: notPersonal(),
    reminded_at: notPersonal('when the one payment reminder was sent'),
    retention_starts_at: retentionStart,
  },
});

export const invoiceLinesTable = defineTable<InvoiceLinesTable>({
  table: 'invoice_lines',
  description: 'The lines of an invoice: what was supplied, quantity, net, tax and gross, computed once at issue.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: taxRetention('Invoice lines'),
  columns: {
    id: notPersonal(),
    invoice_id: notPersonal(),
    subject_id: linkCutOnErasure('the customer as a data subject'),
    position: notPersonal(),
    description: personal('pd:Transaction', keptForTax, { note: 'what was supplied (may name a domain); §14(4) no. 5 UStG requires it on the invoice' }),
    quantity: notPersonal(),
    unit_net_cents: notPersonal(),
    tax_rate_basis_points: notPersonal(),
    net_cents: notPersonal(),
    tax_cents: notPersonal(),
    gross_cents: notPersonal(),
    item_kind: notPersonal('service or domain: which capability fulfils the line once paid'),
    item_id: notPersonal('id of the ordered service or domain; those rows go with the account, after which the id points nowhere'),
    retention_starts_at: retentionStart,
  },
});

export const creditNotesTable = defineTable<CreditNotesTable>({
  table: 'credit_notes',
  description: 'Credit notes correcting an invoice: amount, tax, reason, and the billing party copied from the invoice.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: taxRetention('Credit notes'),
  columns: {
    id: notPersonal(),
    number: notPersonal('sequential per year without gaps, e.g. CN-2026-000003'),
    invoice_id: notPersonal('the corrected invoice; null once that invoice has outlived its own period'),
    invoice_number: notPersonal('the corrected invoice\'s number, which the credit note must name even after the invoice is gone'),
    account_id: linkCutOnErasure('the customer account'),
    subject_id: linkCutOnErasure('the customer as a data subject'),
    currency: notPersonal(),
    tax_rate_basis_points: notPersonal(),
    net_cents: notPersonal(),
    tax_cents: notPersonal(),
    gross_cents: notPersonal(),
    reason: personal('pd:Transaction', keptForTax, { note: 'written by billing staff; card numbers are refused at the route' }),
    ...billingParty,
    refund_status: notPersonal('whether the credited amount went back through the payment processor'),
    issued_at: notPersonal(),
    retention_starts_at: retentionStart,
  },
});

export const paymentsTable = defineTable<PaymentsTable>({
  table: 'payments',
  description: 'Payments and refunds through the payment processor: reference, status, amount and card brand with the last four digits, never a card number.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: taxRetention('Payment records'),
  columns: {
    id: notPersonal(),
    invoice_id: notPersonal('the invoice paid; null once that invoice has outlived its own period'),
    invoice_number: notPersonal('kept so the voucher still names the invoice it settled'),
    credit_note_id: notPersonal('for refunds: the credit note refunded'),
    account_id: linkCutOnErasure('the customer account'),
    subject_id: linkCutOnErasure('the customer as a data subject'),
    kind: notPersonal('charge or refund'),
    processor: notPersonal('which payment adapter handled it'),
    processor_reference: personal('pd:Transaction', keptForTax, { note: 'the processor\'s id of the payment: the bookkeeping voucher is reconciled with the processor\'s statements by it' }),
    status: notPersonal(),
    amount_cents: notPersonal(),
    currency: notPersonal(),
    card_brand: personal('pd:PaymentCardNumber', deleteOnErasure, { purposes: ['dpv:ServiceProvision'], note: 'e.g. visa; shown to the customer to recognise the payment; no law needs it, so erasure removes it' }),
    card_last4: personal('pd:PaymentCardNumber', deleteOnErasure, { purposes: ['dpv:ServiceProvision'], note: 'last four digits only (PCI DSS allows them); a check constraint refuses anything else; no law needs them, so erasure removes them' }),
    created_at: notPersonal(),
    completed_at: notPersonal(),
    checkout_url: notPersonal('the processor\'s hosted page of a pending checkout, reused by "Pay now" while the amount still matches'),
    checkout_expires_at: notPersonal('when the processor stops accepting payment on that page'),
    retention_starts_at: retentionStart,
  },
});

export const paymentWebhookEventsTable = defineTable<PaymentWebhookEventsTable>({
  table: 'payment_webhook_events',
  description: 'Webhook events received from the payment processor: processed once by event id, refused ones with the reason.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'ids and reasons only; the payment they concern carries the subject link' },
  purposes: ['dpv:ServiceProvision', 'dpv:ServiceSecurity'],
  legalBasis: null,
  retention: { kind: 'after', column: 'received_at', period: { config: 'signInEvents' }, description: 'Kept as long as other security events (sign-in history), long enough to refuse a replayed event.' },
  columns: {
    id: notPersonal(),
    processor: notPersonal(),
    event_id: notPersonal('the processor\'s event id; unique per processor for processed events (idempotency)'),
    outcome: notPersonal('processed, ignored (no such payment) or refused (bad signature)'),
    reason: notPersonal('a fixed reason code, never request content'),
    received_at: notPersonal(),
  },
});

/** Data-map declarations of billing's tables, children before their parents. */
export const billingTables: readonly TableDeclaration[] = [billingNumberSequencesTable, invoiceLinesTable, paymentsTable, creditNotesTable, invoicesTable, paymentWebhookEventsTable];
