import { sql, type Kysely } from 'kysely';

/** Foundation schema: subjects and keys, accounts, staff, sign-in, audit, jobs, outbox, limits, settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subjects (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('customer','staff','contact','applicant','visitor')),
      created_at timestamptz not null default now(),
      erased_at timestamptz
    );
    create table subject_keys (
      subject_id uuid primary key references subjects(id) on delete cascade,
      wrapped_key bytea,
      created_at timestamptz not null default now(),
      shredded_at timestamptz,
      check ((wrapped_key is null) = (shredded_at is not null))
    );
    create table accounts (
      id uuid primary key default gen_random_uuid(),
      subject_id uuid not null unique references subjects(id),
      email_lookup bytea not null unique,
      email_enc bytea not null,
      first_name_enc bytea not null,
      last_name_enc bytea not null,
      password_hash text not null,
      country char(2),
      locale text not null default 'en',
      minimum_age_confirmed_at timestamptz not null,
      email_verified_at timestamptz,
      status text not null default 'active' check (status in ('active','suspended','closed')),
      totp_secret_enc bytea,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      password_changed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table staff_members (
      id uuid primary key default gen_random_uuid(),
      subject_id uuid not null unique references subjects(id),
      email_lookup bytea not null unique,
      email_enc bytea not null,
      display_name_enc bytea not null,
      password_hash text,
      role text not null check (role in ('owner','privacy_officer','support','billing','auditor')),
      status text not null default 'active' check (status in ('active','disabled')),
      totp_secret_enc bytea,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash bytea not null unique,
      principal_kind text not null check (principal_kind in ('account','staff')),
      principal_id uuid not null,
      second_factor_verified boolean not null,
      ip_truncated text,
      user_agent_family text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoke_reason text
    );
    create index sessions_principal on sessions (principal_kind, principal_id);
    create table auth_tokens (
      id uuid primary key default gen_random_uuid(),
      token_hash bytea not null unique,
      principal_kind text not null check (principal_kind in ('account','staff')),
      principal_id uuid not null,
      purpose text not null check (purpose in ('verify_email','reset_password','staff_setup')),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index auth_tokens_principal on auth_tokens (principal_kind, principal_id);
    create table recovery_codes (
      id uuid primary key default gen_random_uuid(),
      principal_kind text not null check (principal_kind in ('account','staff')),
      principal_id uuid not null,
      code_hash text not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index recovery_codes_principal on recovery_codes (principal_kind, principal_id);
    create table sign_in_events (
      id uuid primary key default gen_random_uuid(),
      principal_kind text not null check (principal_kind in ('account','staff')),
      principal_id uuid not null,
      outcome text not null check (outcome in ('success','bad_password','locked','second_factor_failed','second_factor_passed')),
      ip_truncated text,
      user_agent_family text,
      occurred_at timestamptz not null default now()
    );
    create index sign_in_events_principal on sign_in_events (principal_kind, principal_id, occurred_at desc);
    create table audit_events (
      seq bigint generated always as identity primary key,
      id uuid not null unique,
      occurred_at timestamptz not null,
      actor_type text not null check (actor_type in ('customer','trusted_user','staff','system','api_client','anonymous')),
      actor_id text,
      on_behalf_of uuid,
      action text not null,
      subject_id uuid,
      purpose text not null,
      ip_truncated text,
      request_id text,
      details jsonb not null,
      prev_hash text not null,
      hash text not null
    );
    create index audit_events_subject on audit_events (subject_id, seq);
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      payload jsonb not null,
      status text not null default 'queued' check (status in ('queued','running','done','failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_due on jobs (status, run_at);
    create table outbox_emails (
      id uuid primary key default gen_random_uuid(),
      subject_id uuid not null references subjects(id),
      message_class text not null check (message_class in ('service','marketing')),
      template text not null,
      envelope_enc bytea not null,
      status text not null default 'queued' check (status in ('queued','sent','failed','blocked')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      last_error text,
      transport_message_id text,
      created_at timestamptz not null default now()
    );
    create index outbox_emails_due on outbox_emails (status, next_attempt_at);
    create table rate_limits (
      bucket_key text primary key,
      window_started_at timestamptz not null,
      hits integer not null
    );
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
