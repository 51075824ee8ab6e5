import { sql, type Kysely } from 'kysely';

/** Support tickets, messages, attachments, departments, internal notes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table support_departments (
      id text primary key check (id ~ '^[a-z][a-z0-9_]{0,39}$'),
      name text not null,
      position integer not null,
      active boolean not null default true
    );
    insert into support_departments (id, name, position) values
      ('general', 'General', 1),
      ('technical', 'Technical', 2),
      ('billing', 'Billing', 3),
      ('abuse', 'Abuse', 4);
    create table support_tickets (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique check (reference ~ '^T-[0-9A-Z]{6}$'),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      department_id text not null references support_departments(id),
      subject_enc bytea not null,
      status text not null default 'open' check (status in ('open','awaiting_customer','awaiting_staff','closed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      check ((status = 'closed') = (closed_at is not null))
    );
    create index support_tickets_by_account on support_tickets (account_id, updated_at desc);
    create index support_tickets_by_status on support_tickets (status, updated_at desc);
    create index support_tickets_closed on support_tickets (closed_at) where closed_at is not null;
    create table support_messages (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references support_tickets(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      author_kind text not null check (author_kind in ('customer','staff','trusted_user')),
      author_id uuid,
      body_enc bytea not null,
      internal boolean not null default false,
      created_at timestamptz not null default now(),
      check (not internal or author_kind = 'staff')
    );
    create index support_messages_by_ticket on support_messages (ticket_id, created_at);
    create table support_attachments (
      id uuid primary key default gen_random_uuid(),
      message_id uuid not null references support_messages(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      filename_enc bytea not null,
      media_type_enc bytea not null,
      content_enc bytea not null,
      size_bytes integer not null check (size_bytes >= 0),
      created_at timestamptz not null default now()
    );
    create index support_attachments_by_message on support_attachments (message_id);
  `.execute(db);
}
