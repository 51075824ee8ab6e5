import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secrets.js';
import { deactivateSubscription, insertSubscription, type WebhookSubscriptionRow } from './webhooks.store.js';
import type { WebhookEvent } from './webhooks.tables.js';

export interface SubscriptionView {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly active: boolean;
  readonly createdAt: string;
}

export function subscriptionView(row: WebhookSubscriptionRow): SubscriptionView {
  return { id: row.id, url: row.url, events: row.events, active: row.active, createdAt: row.created_at.toISOString() };
}

/** Only http(s) endpoints: no file:, data:, javascript: or other schemes reach fetch. */
export function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Subscribes the calling API client; the signing secret is in the answer only. */
export async function createSubscription(
  deps: Pick<AppDeps, 'db' | 'keys'>,
  context: ContextWithoutTransaction,
  input: { apiClientId: string; url: string; events: readonly WebhookEvent[] },
): Promise<{ subscription: SubscriptionView; secret: string }> {
  if (!isWebhookUrl(input.url)) throw new AppError('VALIDATION_FAILED', 'The webhook URL must be http or https', { fieldErrors: [{ field: 'url', message: 'Must be an http(s) URL without credentials' }] });
  return inTransaction(deps.db, context, async (ctx) => {
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await insertSubscription(ctx.trx, { id, api_client_id: input.apiClientId, url: input.url, secret_sealed: sealWebhookSecret(deps.keys.tokens, id, secret), events: [...new Set(input.events)] });
    await recordAuditEvent(ctx, { action: 'webhook_subscription.created', subjectId: null, details: { subscriptionId: id, apiClientId: input.apiClientId, events: [...row.events] } });
    return { subscription: subscriptionView(row), secret };
  });
}

export async function deleteSubscription(deps: Pick<AppDeps, 'db'>, context: ContextWithoutTransaction, apiClientId: string, id: string): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    if (!(await deactivateSubscription(ctx.trx, apiClientId, id))) throw new AppError('NOT_FOUND', 'No such active subscription of this client');
    await recordAuditEvent(ctx, { action: 'webhook_subscription.deactivated', subjectId: null, details: { subscriptionId: id, apiClientId } });
  });
}
