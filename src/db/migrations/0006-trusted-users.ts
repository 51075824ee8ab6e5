import { sql, type Kysely } from 'kysely';

/**
 * Trusted users: people an account owner lets act for the account in granted areas. A grant starts
 * as an emailed invitation (the invitee's address sealed with the invitee's own subject key, found
 * by its blind index) and becomes active when the invitee's own account accepts it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table trusted_users (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      invitee_subject_id uuid not null references subjects(id),
      invitee_email_lookup bytea,
      invitee_email_enc bytea,
      person_account_id uuid references accounts(id) on delete cascade,
      areas text[] not null check (cardinality(areas) > 0),
      status text not null check (status in ('invited','active','revoked')),
      invitation_token_hash bytea unique,
      invitation_expires_at timestamptz not null,
      accepted_at timestamptz,
      ended_at timestamptz,
      ended_by text check (ended_by in ('owner','person')),
      -- When the row stops being needed: the end of a revoked or left grant, or the expiry of an
      -- invitation never accepted (no job has to notice it); null while a grant is live.
      closed_at timestamptz generated always as (case status when 'revoked' then ended_at when 'invited' then invitation_expires_at end) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index trusted_users_person on trusted_users (account_id, person_account_id) where status = 'active';
    create unique index trusted_users_open_invitee on trusted_users (account_id, invitee_email_lookup) where status in ('invited','active');
    create index trusted_users_by_account on trusted_users (account_id, created_at);
    create index trusted_users_by_person on trusted_users (person_account_id) where status = 'active';
    create index trusted_users_closed on trusted_users (closed_at) where closed_at is not null;
    create index audit_events_on_behalf_of on audit_events (on_behalf_of, seq) where on_behalf_of is not null;
    alter table sessions add column acting_for_account_id uuid references accounts(id) on delete set null;
  `.execute(db);
}
