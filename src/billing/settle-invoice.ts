import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { RequestContext } from '../context/request-context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { linesOfInvoice, markInvoicePaid, type InvoiceRow } from './billing.store.js';
import { fulfilJobKind } from './fulfil-jobs.js';
import { expireLiveCheckouts } from './payments.store.js';

/**
 * Marks an open invoice paid and, in the same transaction, queues one fulfil job per line that pays
 * for an item, for the capability owning it. A second call for the same invoice does nothing.
 */
export async function settleInvoice(ctx: RequestContext, invoice: Pick<InvoiceRow, 'id' | 'number' | 'subject_id'>, at: Date, paymentId: string | null): Promise<boolean> {
  if (!(await markInvoicePaid(ctx.trx, invoice.id, at))) return false;
  // Nothing is left to pay: any other checkout of the invoice is void (a success on it is refunded).
  await expireLiveCheckouts(ctx.trx, invoice.id, at, paymentId);
  let queued = 0;
  for (const line of await linesOfInvoice(ctx.trx, invoice.id)) {
    if (!line.item_kind || !line.item_id) continue;
    const kind = fulfilJobKind(line.item_kind);
    await enqueueJob(ctx.trx, { kind, payload: { itemId: line.item_id, invoiceId: invoice.id }, dedupeKey: `${kind}:${invoice.id}:${line.item_id}` });
    queued += 1;
  }
  await recordAuditEvent(ctx, { action: 'invoice.paid', subjectId: invoice.subject_id, details: { invoiceId: invoice.id, number: invoice.number, paymentId, fulfilJobs: queued } });
  return true;
}
