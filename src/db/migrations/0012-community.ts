import { sql, type Kysely } from 'kysely';

/** Public announcements and customer comments; comments lose their author link on erasure. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table announcements (
      id uuid primary key default gen_random_uuid(),
      author_subject_id uuid references subjects(id),
      title text not null,
      body text not null,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index announcements_published on announcements (published_at) where published_at is not null;
    create table announcement_comments (
      id uuid primary key default gen_random_uuid(),
      announcement_id uuid not null references announcements(id) on delete cascade,
      author_subject_id uuid references subjects(id),
      author_account_id uuid references accounts(id) on delete set null,
      body text not null,
      created_at timestamptz not null default now(),
      hidden_at timestamptz,
      deattributed_at timestamptz
    );
    create index announcement_comments_by_announcement on announcement_comments (announcement_id, created_at);
    create index announcement_comments_by_author on announcement_comments (author_subject_id) where author_subject_id is not null;
    create index announcement_comments_by_account on announcement_comments (author_account_id, created_at) where author_account_id is not null;
  `.execute(db);
}
