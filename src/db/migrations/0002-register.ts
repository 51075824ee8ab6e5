import { sql, type Kysely } from 'kysely';

/** The processing register the privacy notice and the record of processing are generated from. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table register_drafts (
      id text primary key,
      document jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by uuid references subjects(id)
    );
  `.execute(db);
}
