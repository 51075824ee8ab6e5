import type { RequestContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { linesOfInvoice, lockInvoice } from './billing.store.js';
import type { BillableKind } from './fulfil-jobs.js';
import { issueCreditNote } from './issue-credit-note.js';

/**
 * Credits in full the invoice line that paid for an item the provider could not deliver (a service
 * whose set-up failed, a domain the registry refused), in the caller's transaction. On a paid invoice
 * the credit note queues the refund; on an open one it lowers what is due. Returns null when there is
 * nothing left to credit (no such line, or the invoice is already fully credited).
 */
export async function creditUndeliveredItem(deps: Pick<AppDeps, 'now'>, ctx: RequestContext, item: { invoiceId: string; kind: BillableKind; itemId: string; reason: string }): Promise<{ creditNoteId: string; number: string } | null> {
  const invoice = await lockInvoice(ctx.trx, item.invoiceId);
  if (!invoice || invoice.status === 'cancelled') return null;
  const line = (await linesOfInvoice(ctx.trx, invoice.id)).find((l) => l.item_kind === item.kind && l.item_id === item.itemId);
  const amount = Math.min(line?.gross_cents ?? 0, invoice.gross_cents - invoice.credited_cents);
  if (amount <= 0) return null;
  return issueCreditNote(deps, ctx, { invoiceId: invoice.id, grossCents: amount, reason: item.reason });
}
