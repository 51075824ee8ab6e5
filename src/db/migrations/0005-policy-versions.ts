import { sql, type Kysely } from 'kysely';

/** Versions of the privacy notice, the account inbox, change-notice markers and acceptances (promise G41). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table account_messages (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      category text not null check (category in ('policy_change','maintenance','security','billing')),
      title_enc bytea not null,
      body_enc bytea not null,
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create index account_messages_inbox on account_messages (account_id, created_at desc, id desc);

    create table policy_versions (
      id uuid primary key default gen_random_uuid(),
      version integer not null unique check (version > 0),
      effective_date date not null,
      published_at timestamptz not null default now(),
      published_by uuid references subjects(id),
      snapshot jsonb not null,
      notice_text_hash text not null,
      changes jsonb not null,
      requires_acceptance boolean not null,
      notify_status text not null check (notify_status in ('none','queued','running','done')),
      notify_total integer not null,
      notify_done integer not null default 0
    );

    create table policy_change_notices (
      version_id uuid not null references policy_versions(id),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      notified_at timestamptz not null default now(),
      primary key (version_id, account_id)
    );

    create table policy_acceptances (
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      version_id uuid not null references policy_versions(id),
      accepted_at timestamptz not null default now(),
      ip_truncated text,
      primary key (account_id, version_id)
    );
  `.execute(db);
}
