import type { RequestContext } from '../context/request-context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { deliverableSubscriptions } from './webhooks.store.js';

export const webhookDeliveryKind = 'consent.webhook.deliver';
export const webhookMaxAttempts = 10;

export interface ConsentChange {
  readonly recordId: string;
  readonly subjectId: string | null;
  readonly purpose: string;
  readonly status: string;
}

/**
 * Called by the ledger in the transaction that records a change: one delivery job per subscription,
 * committed together with the record (outbox), so a change is never lost nor announced untrue.
 * Browser-only records (no subject yet) are not announced: other systems know subjects only.
 */
export async function notifyConsentChanged(ctx: RequestContext, change: ConsentChange): Promise<number> {
  if (!change.subjectId) return 0;
  const subscriptions = (await deliverableSubscriptions(ctx.trx)).filter((s) => s.events.includes('consent.changed'));
  for (const subscription of subscriptions) {
    await enqueueJob(ctx.trx, {
      kind: webhookDeliveryKind,
      payload: { subscriptionId: subscription.id, recordId: change.recordId, subjectId: change.subjectId, purpose: change.purpose, status: change.status },
      dedupeKey: `webhook:${subscription.id}:${change.recordId}`,
      maxAttempts: webhookMaxAttempts,
    });
  }
  return subscriptions.length;
}
