import { sql, type Kysely } from 'kysely';

/** Staff views of customers with reason for access, abuse suspension. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_record_grants (
      id uuid primary key default gen_random_uuid(),
      staff_id uuid not null references staff_members(id),
      subject_id uuid not null references subjects(id),
      reason_kind text not null check (reason_kind in ('ticket','text')),
      ticket_id uuid,
      reason_enc bytea,
      granted_at timestamptz not null default now(),
      expires_at timestamptz not null,
      check ((reason_kind = 'ticket' and ticket_id is not null and reason_enc is null) or (reason_kind = 'text' and reason_enc is not null and ticket_id is null))
    );
    create index customer_record_grants_live on customer_record_grants (staff_id, subject_id, expires_at desc);

    create table abuse_blocks (
      id uuid primary key default gen_random_uuid(),
      account_id uuid references accounts(id) on delete set null,
      subject_id uuid not null references subjects(id),
      category text not null check (category in ('spam','phishing','malware','fraud','other')),
      email_hash bytea not null,
      created_by uuid references staff_members(id),
      created_at timestamptz not null default now()
    );
    create index abuse_blocks_email on abuse_blocks (email_hash);
    create index abuse_blocks_account on abuse_blocks (account_id) where account_id is not null;

    alter table account_messages drop constraint if exists account_messages_category_check;
    alter table account_messages add constraint account_messages_category_check
      check (category in ('policy_change','maintenance','security','billing','abuse'));
  `.execute(db);
}
