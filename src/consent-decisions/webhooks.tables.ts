import type { Generated } from 'kysely';
import { defineTable, notPersonal } from '../datamap/define-table.js';

export const webhookEvents = ['consent.changed'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** Where an API client wants consent changes pushed, signed with a secret shown once. */
export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  api_client_id: string;
  url: string;
  /** The signing secret, sealed (AES-256-GCM) with a key derived from the master key. */
  secret_sealed: Buffer;
  events: WebhookEvent[];
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export const webhookSubscriptionsTable = defineTable<WebhookSubscriptionsTable>({
  table: 'webhook_subscriptions',
  description: "Endpoints of the provider's own systems that receive consent changes (ids only) as signed webhooks.",
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'configuration of API clients; deliveries carry ids only' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Kept until the subscription is deleted or its API client revoked.' },
  columns: {
    id: notPersonal(),
    api_client_id: notPersonal(),
    url: notPersonal("an endpoint of the provider's own system"),
    secret_sealed: notPersonal('sealed signing secret'),
    events: notPersonal(),
    active: notPersonal(),
    created_at: notPersonal(),
  },
});
