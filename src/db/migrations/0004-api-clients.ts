import { sql, type Kysely } from 'kysely';

/** Bearer keys for the provider's other systems, and their consent-change webhooks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table api_clients (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      key_prefix text not null unique,
      key_hash text not null,
      scopes text[] not null,
      created_by uuid references subjects(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    create table webhook_subscriptions (
      id uuid primary key default gen_random_uuid(),
      api_client_id uuid not null references api_clients(id),
      url text not null,
      secret_sealed bytea not null,
      events text[] not null,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index webhook_subscriptions_client on webhook_subscriptions (api_client_id);
  `.execute(db);
}
