import { sql, type Kysely } from 'kysely';

/**
 * Customer profile (one row per account), billing and technical contacts (each their own subject)
 * and the rectification history the customer can read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_profiles (
      account_id uuid primary key references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      phone_enc bytea,
      company_enc bytea,
      vat_id_enc bytea,
      address_lines_enc bytea,
      postal_code_enc bytea,
      city_enc bytea,
      region_enc bytea,
      country char(2),
      pending_email_enc bytea,
      pending_email_lookup bytea,
      pending_email_token_hash bytea,
      pending_email_expires_at timestamptz,
      updated_at timestamptz not null default now(),
      check ((pending_email_token_hash is null) = (pending_email_expires_at is null))
    );
    create unique index customer_profiles_pending_email_token on customer_profiles (pending_email_token_hash) where pending_email_token_hash is not null;

    create table account_contacts (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null unique references subjects(id),
      role text not null check (role in ('billing','technical')),
      name_enc bytea not null,
      email_enc bytea not null,
      phone_enc bytea,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index account_contacts_by_account on account_contacts (account_id, created_at);

    create table profile_changes (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      contact_id uuid,
      contact_role text check (contact_role in ('billing','technical')),
      field text not null,
      old_value_enc bytea,
      new_value_enc bytea,
      actor_type text not null check (actor_type in ('customer','trusted_user','staff','system','api_client','anonymous')),
      actor_id uuid,
      changed_at timestamptz not null default now()
    );
    create index profile_changes_by_account on profile_changes (account_id, changed_at desc);
    create index profile_changes_by_contact on profile_changes (contact_id) where contact_id is not null;
  `.execute(db);
}
