import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { WebhookSubscriptionsTable } from './webhooks.tables.js';

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertSubscription(trx: Transaction<Database>, row: Insertable<WebhookSubscriptionsTable> & { id: string }): Promise<WebhookSubscriptionRow> {
  return trx.insertInto('webhook_subscriptions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listSubscriptionsOfClient(db: Db, apiClientId: string): Promise<WebhookSubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('api_client_id', '=', apiClientId).orderBy('created_at').orderBy('id').execute();
}

/** Deactivates a client's own subscription; false when it is not theirs or already inactive. */
export async function deactivateSubscription(trx: Transaction<Database>, apiClientId: string, id: string): Promise<boolean> {
  const result = await trx.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', id).where('api_client_id', '=', apiClientId).where('active', '=', true).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Active subscriptions whose client is not revoked and still holds the webhook scope. */
export async function deliverableSubscriptions(db: Db): Promise<Array<Pick<WebhookSubscriptionRow, 'id' | 'events'>>> {
  const rows = await db
    .selectFrom('webhook_subscriptions as w')
    .innerJoin('api_clients as c', 'c.id', 'w.api_client_id')
    .select(['w.id', 'w.events', 'c.scopes'])
    .where('w.active', '=', true)
    .where('c.revoked_at', 'is', null)
    .execute();
  return rows.filter((r) => r.scopes.includes('consent:webhooks')).map((r) => ({ id: r.id, events: r.events }));
}

/** A subscription to deliver to, or undefined once it is inactive or its client revoked. */
export async function findDeliverableSubscription(db: Db, id: string): Promise<WebhookSubscriptionRow | undefined> {
  return db
    .selectFrom('webhook_subscriptions as w')
    .innerJoin('api_clients as c', 'c.id', 'w.api_client_id')
    .selectAll('w')
    .where('w.id', '=', id)
    .where('w.active', '=', true)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
}
