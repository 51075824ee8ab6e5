import { sql, type Kysely } from 'kysely';

/**
 * Domains through the registrar adapter: the TLD catalogue, domains, their registry contacts,
 * orders (registration, transfer, renewal, each with its invoice) and identity documents.
 *
 * Which registries require an identity document (public sources, checked 2025):
 * - .ru: Coordination Center for TLD RU, "Domain name registration rules in RU" (RU-2, in force
 *   1 Oct 2009): registrars must identify registrants; natural persons submit a passport copy
 *   (RU-CENTER's announcement of the rules, nic.ru 2009/2010). Registrations run one year.
 * - .cn: CNNIC real-name verification: registrants submit an identity document (a passport for
 *   people outside mainland China) before the domain may be used (e.g. Alibaba Cloud's
 *   "Real-name verification for .cn domain names").
 * - .es: Red.es requires an identification number for the registrant (NIF/NIE, or a passport or
 *   other ID number for people without one); this provider verifies it against a copy of the
 *   document before registering.
 * - .it asks for a tax code or ID number in the registration data but no document, so it needs none here.
 * Prices are this provider's net list prices in cents (a transfer includes one year).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table domain_tlds (
      tld text primary key check (tld ~ '^[a-z]{2,63}$'),
      yearly_price_cents integer not null check (yearly_price_cents > 0),
      transfer_price_cents integer not null check (transfer_price_cents > 0),
      requires_identity_document boolean not null default false,
      max_years integer not null check (max_years between 1 and 10),
      position integer not null
    );
    insert into domain_tlds (tld, yearly_price_cents, transfer_price_cents, requires_identity_document, max_years, position) values
      ('com', 1299, 1299, false, 10, 1),
      ('net', 1499, 1499, false, 10, 2),
      ('org', 1399, 1399, false, 10, 3),
      ('de', 799, 799, false, 1, 4),
      ('eu', 899, 899, false, 10, 5),
      ('it', 1099, 1099, false, 1, 6),
      ('io', 4499, 4499, false, 10, 7),
      ('es', 999, 999, true, 10, 8),
      ('ru', 1499, 1499, true, 1, 9),
      ('cn', 1599, 1599, true, 10, 10);

    create table domains (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      fqdn text not null,
      tld text not null references domain_tlds(tld),
      status text not null check (status in ('pending_payment','pending_documents','registering','transfer_pending','active','expired','failed','cancelled')),
      registered_at timestamptz,
      expires_at timestamptz,
      transfer_auth_code_enc bytea,
      publish_contact_data boolean not null default false,
      published_fields text[] not null default '{}',
      publication_chosen_at timestamptz,
      identity_verified_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (publish_contact_data or cardinality(published_fields) = 0)
    );
    -- One live holding per name here; a failed or cancelled (unpaid) order frees the name again.
    create unique index domains_live_fqdn on domains (fqdn) where status not in ('failed','cancelled');
    create index domains_by_account on domains (account_id, created_at);

    create table domain_contacts (
      id uuid primary key default gen_random_uuid(),
      domain_id uuid not null references domains(id) on delete cascade,
      role text not null check (role in ('registrant','admin','tech','billing')),
      subject_id uuid not null references subjects(id),
      is_account_holder boolean not null,
      name_enc bytea not null,
      organisation_enc bytea,
      email_enc bytea not null,
      phone_enc bytea not null,
      postal_address_enc bytea not null,
      registry_synced_at timestamptz,
      updated_at timestamptz not null default now(),
      unique (domain_id, role)
    );

    create table domain_orders (
      id uuid primary key default gen_random_uuid(),
      domain_id uuid not null references domains(id) on delete cascade,
      kind text not null check (kind in ('register','transfer','renew')),
      years integer not null check (years between 1 and 10),
      invoice_id uuid not null,
      status text not null check (status in ('awaiting_payment','paid','submitted','completed','failed','cancelled')),
      registry_operation text,
      failure_reason text,
      created_at timestamptz not null default now(),
      paid_at timestamptz,
      submitted_at timestamptz,
      finished_at timestamptz,
      unique (domain_id, invoice_id)
    );
    create index domain_orders_open on domain_orders (domain_id) where status in ('awaiting_payment','paid','submitted');

    create table domain_documents (
      id uuid primary key default gen_random_uuid(),
      domain_id uuid not null references domains(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      document_type_enc bytea not null,
      filename_enc bytea not null,
      media_type_enc bytea not null,
      content_enc bytea not null,
      status text not null default 'pending' check (status in ('pending','approved','rejected')),
      uploaded_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by uuid,
      reason_enc bytea,
      check ((status = 'pending') = (decided_at is null))
    );
    create index domain_documents_by_domain on domain_documents (domain_id, uploaded_at);
    create index domain_documents_decided on domain_documents (decided_at) where decided_at is not null;
  `.execute(db);
}
