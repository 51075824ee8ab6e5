import { z } from 'zod';
import { consentChannels } from '../consent/consent.tables.js';
import { AppError } from '../errors/app-error.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { decideConsentBatch } from './decide-consent.js';
import { createSubscription, deleteSubscription, isWebhookUrl, subscriptionView } from './manage-webhooks.js';
import { listSubscriptionsOfClient } from './webhooks.store.js';
import { webhookEvents } from './webhooks.tables.js';

export const maxBatchItems = 500;

const decisionQuery = z.object({
  subjectId: z.uuid(),
  purpose: z.string().trim().min(1).max(200),
  channel: z.enum(consentChannels).optional(),
});
const decision = z.object({
  decision: z.enum(['allow', 'deny']),
  reason: z.string(),
  recordId: z.string().nullable(),
  evaluatedAt: z.string(),
});
const subscription = z.object({ id: z.string(), url: z.string(), events: z.array(z.enum(webhookEvents)), active: z.boolean(), createdAt: z.string() });
const read = { kind: 'api_client', scope: 'consent:read' } as const;
const webhooks = { kind: 'api_client', scope: 'consent:webhooks' } as const;
const tags = ['consent-decisions'];

function clientId(request: { apiClient?: { clientId: string } | null }): string {
  if (!request.apiClient) throw new AppError('UNAUTHENTICATED');
  return request.apiClient.clientId;
}

/** The decision API and change webhooks for the provider's other systems (bearer API clients only). */
export function registerConsentDecisionsRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'POST', url: '/api/v1/decisions', kind: 'api', auth: read, tags, body: decisionQuery,
    summary: 'May this subject be processed for this purpose (and channel) now? Always read fresh from the ledger.',
    responses: { 200: { description: 'The decision', schema: decision } },
    handler: async ({ body }) => (await decideConsentBatch(deps.db, [body], deps.now()))[0],
  });

  kit.route({
    method: 'POST', url: '/api/v1/decisions/batch', kind: 'api', auth: read, tags,
    body: z.object({ items: z.array(decisionQuery).min(1).max(maxBatchItems, `At most ${maxBatchItems} items per batch`) }),
    summary: `Up to ${maxBatchItems} decisions at once; results in the order asked.`,
    responses: { 200: { description: 'Decisions in request order', schema: z.object({ results: z.array(decision) }) } },
    handler: async ({ body }) => ({ results: await decideConsentBatch(deps.db, body.items, deps.now()) }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/webhook-subscriptions', kind: 'api', auth: webhooks, tags,
    body: z.object({
      url: z.string().max(2000).refine(isWebhookUrl, 'Must be an http(s) URL without credentials'),
      events: z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length).default(['consent.changed']),
    }),
    summary: 'Subscribes the calling client to consent changes; the signing secret is shown once.',
    responses: { 201: { description: 'Subscribed', schema: z.object({ subscription, secret: z.string() }) } },
    handler: async ({ request, reply, body }) => {
      const created = await createSubscription(deps, contextOf(request, 'dpv:ServiceProvision'), { apiClientId: clientId(request), url: body.url, events: body.events });
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/webhook-subscriptions', kind: 'api', auth: webhooks, tags,
    summary: "The calling client's subscriptions (never their secrets).",
    responses: { 200: { description: 'Subscriptions', schema: z.object({ items: z.array(subscription) }) } },
    handler: async ({ request }) => ({ items: (await listSubscriptionsOfClient(deps.db, clientId(request))).map(subscriptionView) }),
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/webhook-subscriptions/:id', kind: 'api', auth: webhooks, tags,
    params: z.object({ id: z.uuid() }),
    summary: 'Stops deliveries to one of the calling client\'s subscriptions.',
    responses: { 204: { description: 'Deactivated' } },
    handler: async ({ request, reply, params }) => {
      await deleteSubscription(deps, contextOf(request, 'dpv:ServiceProvision'), clientId(request), params.id);
      return reply.status(204).send();
    },
  });
}
