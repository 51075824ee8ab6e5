import { recordAuditEvent } from '../audit/record-audit-event.js';
import { maskCardNumbers } from '../card-numbers/card-numbers.js';
import { addDuration } from '../config/duration.js';
import type { RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { readBillingParty } from './billing-party.js';
import { insertInvoice, insertInvoiceLines, nextDocumentNumber } from './billing.store.js';
import type { BillableKind } from './fulfil-jobs.js';
import { settleInvoice } from './settle-invoice.js';
import { lineAmounts, retentionStartFor, sumAmounts, taxRateBasisPoints } from './invoice-amounts.js';

export interface InvoiceLineInput {
  readonly description: string;
  readonly quantity: number;
  /** Net amount per unit in the smallest currency unit (cents). */
  readonly unitAmountCents: number;
  /** What the line pays for; fulfilled through a job when the invoice is paid. */
  readonly item?: { readonly kind: BillableKind; readonly id: string };
}

export interface IssueInvoiceInput {
  readonly accountId: string;
  readonly subjectId: string;
  readonly lines: readonly InvoiceLineInput[];
}

/** How long a customer has to pay; the one reminder goes out when it has passed. */
export const paymentTerm = 'P14D';
export const paymentReminderKind = 'billing.payment_reminder';

const maxLines = 500;
const maxDescription = 500;
const maxUnitCents = 100_000_000;
const maxQuantity = 100_000;

/** `2026-000042`: the year of issue and a per-year sequence without gaps. */
export function formatDocumentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Issues an open invoice in the caller's transaction (orders call it inside theirs): takes the next
 * number of the year, computes each line's net, tax and gross once, snapshots the billing party,
 * and queues the payment reminder for the due date. Throws before writing anything on bad lines.
 */
export async function issueInvoice(deps: Pick<AppDeps, 'config' | 'keyring' | 'now'>, ctx: RequestContext, input: IssueInvoiceInput): Promise<{ invoiceId: string; number: string }> {
  validateLines(input.lines);
  const party = await readBillingParty(deps, ctx.trx, input.accountId, input.subjectId);
  const issuedAt = deps.now();
  const year = issuedAt.getUTCFullYear();
  const number = formatDocumentNumber('', year, await nextDocumentNumber(ctx.trx, 'invoice', year));
  const rate = taxRateBasisPoints(deps.config.billing);
  const retentionStartsAt = retentionStartFor(issuedAt);
  const lines = input.lines.map((line, index) => ({ line, index, amounts: lineAmounts(line.quantity, line.unitAmountCents, rate) }));
  const totals = sumAmounts(lines.map((l) => l.amounts));
  const dueAt = addDuration(issuedAt, paymentTerm);
  const invoiceId = await insertInvoice(ctx.trx, {
    number,
    account_id: input.accountId,
    subject_id: input.subjectId,
    currency: deps.config.billing.currency,
    net_cents: totals.netCents,
    tax_cents: totals.taxCents,
    gross_cents: totals.grossCents,
    billing_name: party.name,
    billing_company: party.company,
    billing_address: party.address,
    billing_vat_id: party.vatId,
    issued_at: issuedAt,
    due_at: dueAt,
    paid_at: null,
    reminded_at: null,
    retention_starts_at: retentionStartsAt,
  });
  await insertInvoiceLines(ctx.trx, lines.map(({ line, index, amounts }) => ({
    invoice_id: invoiceId,
    subject_id: input.subjectId,
    position: index + 1,
    // Orders name plans and domains here; a card number pasted anywhere upstream never reaches a tax record.
    description: maskCardNumbers(line.description.trim()),
    quantity: line.quantity,
    unit_net_cents: line.unitAmountCents,
    tax_rate_basis_points: rate,
    net_cents: amounts.netCents,
    tax_cents: amounts.taxCents,
    gross_cents: amounts.grossCents,
    item_kind: line.item?.kind ?? null,
    item_id: line.item?.id ?? null,
    retention_starts_at: retentionStartsAt,
  })));
  await recordAuditEvent(ctx, { action: 'invoice.issued', subjectId: input.subjectId, details: { invoiceId, number, accountId: input.accountId, lines: lines.length } });
  // Nothing to pay (a free plan): settled at once, so its items are fulfilled without a checkout.
  if (totals.grossCents === 0) await settleInvoice(ctx, { id: invoiceId, number, subject_id: input.subjectId }, issuedAt, null);
  else await enqueueJob(ctx.trx, { kind: paymentReminderKind, payload: { invoiceId }, runAt: dueAt, dedupeKey: `${paymentReminderKind}:${invoiceId}` });
  return { invoiceId, number };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validateLines(lines: readonly InvoiceLineInput[]): void {
  if (lines.length === 0 || lines.length > maxLines) throw new AppError('VALIDATION_FAILED', `An invoice needs between 1 and ${maxLines} lines`);
  const errors = lines.flatMap((line, i) => {
    const problems: string[] = [];
    if (line.description.trim().length === 0 || line.description.length > maxDescription) problems.push(`description must be 1 to ${maxDescription} characters`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > maxQuantity) problems.push(`quantity must be a whole number from 1 to ${maxQuantity}`);
    if (!Number.isInteger(line.unitAmountCents) || line.unitAmountCents < 0 || line.unitAmountCents > maxUnitCents) problems.push(`unitAmountCents must be whole cents from 0 to ${maxUnitCents}`);
    if (line.item && !uuidPattern.test(line.item.id)) problems.push('item.id must be a uuid');
    return problems.map((message) => ({ field: `lines.${i}`, message }));
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The invoice lines are not valid', { fieldErrors: errors });
}
