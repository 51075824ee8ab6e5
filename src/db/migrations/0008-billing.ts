import { sql, type Kysely } from 'kysely';

/**
 * Invoices, credit notes, payments through the payment adapter. Tax records hold their own snapshot
 * of the billing party (not sealed with the subject key, so erasure cannot shred them) and their own
 * invoice number where they point at an invoice, because each document may outlive the others.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table billing_number_sequences (
      series text not null check (series in ('invoice','credit_note')),
      year integer not null check (year between 2000 and 9999),
      last_number integer not null check (last_number > 0),
      primary key (series, year)
    );
    create table invoices (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      account_id uuid references accounts(id) on delete set null,
      subject_id uuid references subjects(id) on delete set null,
      status text not null default 'open' check (status in ('open','paid','cancelled')),
      currency char(3) not null,
      net_cents bigint not null check (net_cents >= 0),
      tax_cents bigint not null check (tax_cents >= 0),
      gross_cents bigint not null check (gross_cents = net_cents + tax_cents),
      credited_cents bigint not null default 0 check (credited_cents between 0 and gross_cents),
      billing_name text not null,
      billing_company text,
      billing_address text,
      billing_vat_id text,
      issued_at timestamptz not null,
      due_at timestamptz not null,
      paid_at timestamptz,
      reminded_at timestamptz,
      retention_starts_at timestamptz not null
    );
    create index invoices_by_account on invoices (account_id, issued_at desc);
    create index invoices_by_subject on invoices (subject_id);
    create index invoices_due on invoices (due_at) where status = 'open';
    create index invoices_retention on invoices (retention_starts_at);
    create table invoice_lines (
      id uuid primary key default gen_random_uuid(),
      invoice_id uuid not null references invoices(id) on delete cascade,
      subject_id uuid references subjects(id) on delete set null,
      position integer not null check (position > 0),
      description text not null,
      quantity integer not null check (quantity > 0),
      unit_net_cents bigint not null check (unit_net_cents >= 0),
      tax_rate_basis_points integer not null check (tax_rate_basis_points between 0 and 10000),
      net_cents bigint not null,
      tax_cents bigint not null,
      gross_cents bigint not null check (gross_cents = net_cents + tax_cents),
      item_kind text check (item_kind in ('service','domain')),
      item_id uuid,
      retention_starts_at timestamptz not null,
      unique (invoice_id, position),
      check ((item_kind is null) = (item_id is null))
    );
    create index invoice_lines_by_subject on invoice_lines (subject_id);
    create index invoice_lines_retention on invoice_lines (retention_starts_at);
    create table credit_notes (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      invoice_id uuid references invoices(id) on delete set null,
      invoice_number text not null,
      account_id uuid references accounts(id) on delete set null,
      subject_id uuid references subjects(id) on delete set null,
      currency char(3) not null,
      tax_rate_basis_points integer not null check (tax_rate_basis_points between 0 and 10000),
      net_cents bigint not null check (net_cents >= 0),
      tax_cents bigint not null check (tax_cents >= 0),
      gross_cents bigint not null check (gross_cents > 0 and gross_cents = net_cents + tax_cents),
      reason text not null,
      billing_name text not null,
      billing_company text,
      billing_address text,
      billing_vat_id text,
      refund_status text not null check (refund_status in ('none','pending','refunded','failed')),
      issued_at timestamptz not null,
      retention_starts_at timestamptz not null
    );
    create index credit_notes_by_account on credit_notes (account_id, issued_at desc);
    create index credit_notes_by_invoice on credit_notes (invoice_id);
    create index credit_notes_by_subject on credit_notes (subject_id);
    create index credit_notes_retention on credit_notes (retention_starts_at);
    create table payments (
      id uuid primary key default gen_random_uuid(),
      invoice_id uuid references invoices(id) on delete set null,
      invoice_number text not null,
      credit_note_id uuid references credit_notes(id) on delete set null,
      account_id uuid references accounts(id) on delete set null,
      subject_id uuid references subjects(id) on delete set null,
      kind text not null check (kind in ('charge','refund')),
      processor text not null,
      processor_reference text not null,
      status text not null check (status in ('pending','succeeded','failed','expired','refunded')),
      amount_cents bigint not null check (amount_cents > 0),
      currency char(3) not null,
      card_brand text check (card_brand ~ '^[a-z_]{1,20}$'),
      card_last4 char(4) check (card_last4 ~ '^[0-9]{4}$'),
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      checkout_url text,
      checkout_expires_at timestamptz,
      retention_starts_at timestamptz not null,
      unique (processor, processor_reference)
    );
    create unique index payments_one_live_checkout on payments (invoice_id) where kind = 'charge' and status in ('pending','failed');
    create index payments_by_invoice on payments (invoice_id);
    create index payments_by_account on payments (account_id, created_at desc);
    create index payments_by_subject on payments (subject_id);
    create index payments_retention on payments (retention_starts_at);
    create table payment_webhook_events (
      id uuid primary key default gen_random_uuid(),
      processor text not null,
      event_id text,
      outcome text not null check (outcome in ('processed','ignored','refused')),
      reason text not null,
      received_at timestamptz not null default now()
    );
    create unique index payment_webhook_events_once on payment_webhook_events (processor, event_id) where outcome <> 'refused';
    create index payment_webhook_events_received on payment_webhook_events (received_at);
  `.execute(db);
}
