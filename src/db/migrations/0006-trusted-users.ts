import { sql, type Kysely } from 'kysely';

/** Trusted users: people an account owner lets act for the account in granted areas. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table trusted_users (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      person_account_id uuid references accounts(id) on delete cascade,
      areas text[] not null,
      status text not null check (status in ('invited','active','revoked')),
      created_at timestamptz not null default now()
    );
    create unique index trusted_users_person on trusted_users (account_id, person_account_id) where status = 'active';
    create index trusted_users_by_person on trusted_users (person_account_id) where status = 'active';
    alter table sessions add column acting_for_account_id uuid references accounts(id) on delete set null;
  `.execute(db);
}
