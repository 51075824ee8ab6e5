import { sql, type Kysely } from 'kysely';

/** Job openings and applications, kept apart from customers: each applicant is a subject of their own. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table job_openings (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      description text not null,
      location text not null,
      status text not null default 'open' check (status in ('open','closed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table job_applications (
      id uuid primary key default gen_random_uuid(),
      opening_id uuid not null references job_openings(id),
      applicant_subject_id uuid not null unique references subjects(id),
      name_enc bytea not null,
      email_enc bytea not null,
      phone_enc bytea,
      cover_letter_enc bytea not null,
      cv_filename_enc bytea not null,
      cv_content_enc bytea not null,
      cv_bytes integer not null check (cv_bytes > 0),
      status text not null default 'received' check (status in ('received','reviewing','rejected','offered','hired','withdrawn')),
      staff_notes_enc bytea,
      received_at timestamptz not null default now(),
      status_changed_at timestamptz not null default now(),
      removal_requested_at timestamptz,
      retention_starts_at timestamptz
    );
    create index job_applications_by_opening on job_applications (opening_id, received_at);
    create index job_applications_by_retention on job_applications (retention_starts_at) where retention_starts_at is not null;
  `.execute(db);
}
