import { sql, type Kysely } from 'kysely';

/** Plan catalogue, orders, provisioning adapter, licences and licence checks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table service_plans (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      kind text not null check (kind in ('shared_hosting','vps','dedicated_server','ssl_certificate','panel_licence')),
      name text not null,
      monthly_price_cents integer not null check (monthly_price_cents >= 0),
      cpu_cores integer,
      memory_gb integer,
      storage_gb integer,
      websites integer,
      hosted_accounts integer,
      active boolean not null default true,
      sort_order integer not null default 0,
      created_at timestamptz not null default now()
    );

    create table services (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      plan_id uuid not null references service_plans(id),
      status text not null default 'ordered' check (status in ('ordered','provisioning','active','suspended','cancelled','failed')),
      hostname text,
      server_ip text,
      server_ipv6 text,
      external_id text,
      operation_id text,
      failure_reason text,
      suspension_reason text check (suspension_reason in ('non_payment','abuse','security','terms_violation','customer_request')),
      invoice_id uuid references invoices(id) on delete set null,
      ordered_at timestamptz not null default now(),
      activated_at timestamptz,
      period_ends_at timestamptz,
      suspended_at timestamptz,
      cancel_at timestamptz,
      cancelled_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create index services_by_account on services (account_id, ordered_at desc, id);
    create index services_by_status on services (status, ordered_at desc);

    create table licences (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null unique references services(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      public_id text not null unique,
      key_enc bytea not null,
      bound_ip text not null,
      issued_at timestamptz not null
    );

    create table licence_checks (
      id uuid primary key default gen_random_uuid(),
      licence_id uuid not null references licences(id) on delete cascade,
      subject_id uuid not null references subjects(id),
      checked_at timestamptz not null,
      caller_ip_truncated text,
      server_ip_matched boolean not null,
      software_version text not null,
      result text not null check (result in ('valid','not_licensed','not_active','suspended','cancelled','version_unsupported'))
    );
    create index licence_checks_by_licence on licence_checks (licence_id, checked_at desc);
    create index licence_checks_by_time on licence_checks (checked_at);
  `.execute(db);

  // The starting catalogue: net monthly prices in cents; a provider edits or adds plans in SQL or the console.
  await sql`
    insert into service_plans (code, kind, name, monthly_price_cents, cpu_cores, memory_gb, storage_gb, websites, hosted_accounts, sort_order) values
      ('hosting-starter',  'shared_hosting',   'Web Hosting Starter',          399, null, null,   10,    1, null, 10),
      ('hosting-business', 'shared_hosting',   'Web Hosting Business',         899, null, null,   50,   10, null, 11),
      ('hosting-pro',      'shared_hosting',   'Web Hosting Pro',             1699, null, null,  150,   50, null, 12),
      ('vps-s',            'vps',              'VPS S',                        699,    2,    4,   80, null, null, 20),
      ('vps-m',            'vps',              'VPS M',                       1399,    4,    8,  160, null, null, 21),
      ('vps-l',            'vps',              'VPS L',                       2699,    8,   16,  320, null, null, 22),
      ('dedicated-ds1',    'dedicated_server', 'Dedicated Server DS-1',       4900,    6,   64, 1024, null, null, 30),
      ('dedicated-ds2',    'dedicated_server', 'Dedicated Server DS-2',       9900,   16,  128, 3840, null, null, 31),
      ('ssl-dv',           'ssl_certificate',  'SSL Certificate (domain validated)', 299, null, null, null, null, null, 40),
      ('ssl-wildcard',     'ssl_certificate',  'Wildcard SSL Certificate',     799, null, null, null, null, null, 41),
      ('panel-admin',      'panel_licence',    'Control Panel Licence Admin', 1450, null, null, null, null,   10, 50),
      ('panel-pro',        'panel_licence',    'Control Panel Licence Pro',   2290, null, null, null, null,   30, 51),
      ('panel-host',       'panel_licence',    'Control Panel Licence Host',  3490, null, null, null, null, null, 52)
  `.execute(db);
}
