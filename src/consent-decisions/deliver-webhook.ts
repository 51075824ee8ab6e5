import type { AppDeps } from '../http/app-deps.js';
import type { JobContext, JobHandler } from '../jobs/start-worker.js';
import { signatureHeader, signPayload } from './webhook-signature.js';
import { openWebhookSecret } from './webhook-secrets.js';
import { findDeliverableSubscription } from './webhooks.store.js';

const timeoutMs = 10_000;

export class WebhookRejectedError extends Error {
  override readonly name = 'WebhookRejectedError';
}

/** The JSON body of a consent.changed delivery: ids and codes only. */
export function webhookBody(job: Pick<JobContext, 'payload'>): string {
  const p = job.payload;
  return JSON.stringify({ type: 'consent.changed', id: p['recordId'], data: { subjectId: p['subjectId'], purpose: p['purpose'], status: p['status'], recordId: p['recordId'] } });
}

/**
 * Posts one change to one subscription, signed. A non-2xx answer or a network error throws, and the
 * job system retries with backoff. At least once: receivers dedupe by the body's id (the record id).
 * A subscription deactivated (or a client revoked) meanwhile is skipped.
 */
export function webhookDeliveryHandler(deps: Pick<AppDeps, 'db' | 'keys'>): JobHandler {
  return async (job) => {
    const subscription = await findDeliverableSubscription(deps.db, String(job.payload['subscriptionId']));
    if (!subscription) return;
    const secret = openWebhookSecret(deps.keys.tokens, subscription.id, subscription.secret_sealed);
    const body = webhookBody(job);
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [signatureHeader]: signPayload(secret, body, job.now), 'Custodian-Event-Id': String(job.payload['recordId']), 'user-agent': 'Custodian-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) throw new WebhookRejectedError(`Endpoint of subscription ${subscription.id} answered ${response.status}`);
  };
}
