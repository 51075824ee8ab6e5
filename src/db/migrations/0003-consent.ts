import { sql, type Kysely } from 'kysely';

/** The append-only consent ledger (proof of consent, Art 7(1) GDPR). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consent_records (
      seq bigint generated always as identity,
      id uuid primary key default gen_random_uuid(),
      subject_id uuid references subjects(id),
      browser_id text,
      purpose text not null,
      channel text check (channel in ('email','sms','phone','account_messages')),
      status text not null check (status in ('given','refused','withdrawn','expired')),
      method text not null check (method in ('banner','account_form','api','gpc','unsubscribe_link','double_opt_in','import')),
      notice_version text not null,
      notice_text_hash text not null,
      occurred_at timestamptz not null,
      expires_at timestamptz,
      ip_truncated text,
      user_agent_family text,
      evidence jsonb not null default '{}',
      check (subject_id is not null or browser_id is not null)
    );
    create index consent_records_latest_subject on consent_records (subject_id, purpose, channel, occurred_at desc, seq desc);
    create index consent_records_latest_browser on consent_records (browser_id, purpose, channel, occurred_at desc, seq desc);
  `.execute(db);
}
