import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import { creditNotesOfAccount, creditNotesOfInvoice, findInvoice, findInvoiceOfAccount, invoicesOfAccount, linesOfInvoice, type CreditNoteRow, type InvoiceLineRow, type InvoiceRow } from './billing.store.js';
import type { InvoiceStatus, PaymentStatus } from './billing.tables.js';
import { paymentsOfAccount, paymentsOfInvoice, type PaymentRow } from './payments.store.js';

export interface InvoiceSummary {
  readonly id: string;
  readonly number: string;
  readonly status: InvoiceStatus;
  readonly currency: string;
  readonly netCents: number;
  readonly taxCents: number;
  readonly grossCents: number;
  readonly creditedCents: number;
  /** What is left to pay: the gross total less credit notes; zero once paid or cancelled. */
  readonly dueCents: number;
  readonly issuedAt: Date;
  readonly dueAt: Date;
  readonly paidAt: Date | null;
  readonly billingName: string;
}

export interface InvoiceView extends InvoiceSummary {
  readonly party: { readonly name: string; readonly company: string | null; readonly address: string | null; readonly vatId: string | null };
  readonly lines: readonly LineView[];
  readonly payments: readonly PaymentView[];
  readonly creditNotes: readonly CreditNoteView[];
}

export interface LineView {
  readonly position: number;
  readonly description: string;
  readonly quantity: number;
  readonly unitNetCents: number;
  readonly taxRateBasisPoints: number;
  readonly netCents: number;
  readonly taxCents: number;
  readonly grossCents: number;
}

export interface PaymentView {
  readonly id: string;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string;
  readonly kind: 'charge' | 'refund';
  readonly status: PaymentStatus;
  readonly amountCents: number;
  readonly currency: string;
  readonly processorReference: string;
  readonly card: { readonly brand: string; readonly last4: string } | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export interface CreditNoteView {
  readonly id: string;
  readonly number: string;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly netCents: number;
  readonly taxCents: number;
  readonly grossCents: number;
  readonly reason: string;
  readonly refundStatus: CreditNoteRow['refund_status'];
  readonly issuedAt: Date;
}

export function invoiceSummary(row: InvoiceRow): InvoiceSummary {
  return {
    id: row.id, number: row.number, status: row.status, currency: row.currency,
    netCents: row.net_cents, taxCents: row.tax_cents, grossCents: row.gross_cents, creditedCents: row.credited_cents,
    dueCents: row.status === 'open' ? row.gross_cents - row.credited_cents : 0,
    issuedAt: row.issued_at, dueAt: row.due_at, paidAt: row.paid_at, billingName: row.billing_name,
  };
}

const lineView = (row: InvoiceLineRow): LineView => ({
  position: row.position, description: row.description, quantity: row.quantity, unitNetCents: row.unit_net_cents,
  taxRateBasisPoints: row.tax_rate_basis_points, netCents: row.net_cents, taxCents: row.tax_cents, grossCents: row.gross_cents,
});

export const paymentView = (row: PaymentRow): PaymentView => ({
  id: row.id, invoiceId: row.invoice_id, invoiceNumber: row.invoice_number, kind: row.kind, status: row.status, amountCents: row.amount_cents,
  currency: row.currency, processorReference: row.processor_reference, card: row.card_brand && row.card_last4 ? { brand: row.card_brand, last4: row.card_last4 } : null,
  createdAt: row.created_at, completedAt: row.completed_at,
});

const creditNoteView = (row: CreditNoteRow): CreditNoteView => ({
  id: row.id, number: row.number, invoiceId: row.invoice_id, invoiceNumber: row.invoice_number, currency: row.currency,
  netCents: row.net_cents, taxCents: row.tax_cents, grossCents: row.gross_cents, reason: row.reason, refundStatus: row.refund_status, issuedAt: row.issued_at,
});

async function invoiceView(db: Kysely<Database>, row: InvoiceRow): Promise<InvoiceView> {
  const [lines, payments, creditNotes] = await Promise.all([linesOfInvoice(db, row.id), paymentsOfInvoice(db, row.id), creditNotesOfInvoice(db, row.id)]);
  return {
    ...invoiceSummary(row),
    party: { name: row.billing_name, company: row.billing_company, address: row.billing_address, vatId: row.billing_vat_id },
    lines: lines.map(lineView),
    payments: payments.map(paymentView),
    creditNotes: creditNotes.map(creditNoteView),
  };
}

/** One invoice of the account; another account's invoice is not found (its existence is not revealed). */
export async function readAccountInvoice(db: Kysely<Database>, accountId: string, invoiceId: string): Promise<InvoiceView> {
  const row = await findInvoiceOfAccount(db, accountId, invoiceId);
  if (!row) throw new AppError('NOT_FOUND', 'No such invoice');
  return invoiceView(db, row);
}

/** Any invoice, for billing staff. */
export async function readInvoiceForStaff(db: Kysely<Database>, invoiceId: string): Promise<InvoiceView> {
  const row = await findInvoice(db, invoiceId);
  if (!row) throw new AppError('NOT_FOUND', 'No such invoice');
  return invoiceView(db, row);
}

export interface BillingOverview {
  readonly invoices: readonly InvoiceSummary[];
  readonly creditNotes: readonly CreditNoteView[];
  readonly payments: readonly PaymentView[];
}

const listLimit = 200;

/** The account's invoices, credit notes and completed payments, newest first. */
export async function readBillingOverview(db: Kysely<Database>, accountId: string): Promise<BillingOverview> {
  const [invoices, creditNotes, payments] = await Promise.all([invoicesOfAccount(db, accountId, listLimit), creditNotesOfAccount(db, accountId, listLimit), paymentsOfAccount(db, accountId, listLimit)]);
  return { invoices: invoices.map(invoiceSummary), creditNotes: creditNotes.map(creditNoteView), payments: payments.map(paymentView) };
}
