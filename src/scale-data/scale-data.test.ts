import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { declarationFor } from '../datamap/datamap.registry.js';
import type { Database } from '../db/database.types.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { createTestStaff, signInStaffPage } from '../staff/staff.test-helpers.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { chunkTables, generatedTables } from './chunk-rows.js';
import { generateScaleData, midnightUtc, type GenerateResult } from './generate-scale-data.js';
import { DAY } from './plan-context.js';

type Generated = Extract<GenerateResult, { outcome: 'generated' }>;

const asOf = midnightUtc(new Date());
const options = { subjects: 300, seed: 11, asOf, chunkSize: 100 } as const;

function generated(result: GenerateResult): Generated {
  if (result.outcome !== 'generated') throw new Error(`expected a generation, got ${JSON.stringify(result)}`);
  return result;
}

const one = async (db: Kysely<Database>, query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]!.n);

describe.each(databaseKinds)('generated scale data on %s', (kind) => {
  let t: TestApp;
  let other: TestDatabase;
  let first: Generated;
  let resumed: Generated;
  let interruptedAfter = 0;
  let refusedWithPeople: GenerateResult;

  beforeAll(async () => {
    t = await startTestApp(kind);
    first = generated(await generateScaleData(t.app.deps, options));
    // The same run into another database, interrupted after its first chunk, then resumed.
    other = await openTestDatabase(kind);
    const deps = { ...t.app.deps, db: other.db };
    // A database that holds a person is refused (the person is removed again for the next run).
    const person = await other.db.insertInto('subjects').values({ kind: 'customer', erased_at: null }).returning('id').executeTakeFirstOrThrow();
    refusedWithPeople = await generateScaleData(deps, options);
    await other.db.deleteFrom('subjects').where('id', '=', person.id).execute();
    await expect(generateScaleData(deps, { ...options, onProgress: (p) => { interruptedAfter = p.chunksDone; throw new Error('interrupted'); } })).rejects.toThrow('interrupted');
    resumed = generated(await generateScaleData(deps, options));
  }, 180_000);

  afterAll(async () => {
    await other?.dispose();
    await t?.close();
  });

  it('fills every table it generates, each declared in the data map, with exactly the subjects asked for', () => {
    for (const table of generatedTables) {
      expect(declarationFor(table), table).toBeDefined();
      expect(first.rows[table], table).toBeGreaterThan(0);
    }
    expect(first.rows.subjects).toBe(300);
    expect(first.subjectsByKind).toEqual({ applicant: first.marker.applicants, contact: expect.any(Number), customer: first.marker.customers });
    expect(first.marker.applicants).toBeGreaterThanOrEqual(2);
  });

  it('appends to the audit trail one valid entry per chunk, not one per generated row', async () => {
    expect(await verifyAuditChain(t.app.deps.db)).toMatchObject({ ok: true });
    const actions = await t.app.deps.db.selectFrom('audit_events').select('action').where('action', 'like', 'scale_data.%').execute();
    expect(actions.length).toBe(1 + first.marker.chunks);
  });

  it('follows the ratios of a hosting customer base', async () => {
    const db = t.app.deps.db;
    const customers = first.rows.accounts!;
    const per = (table: string) => first.rows[table]! / customers;
    expect(per('services')).toBeGreaterThan(1.0);
    expect(per('services')).toBeLessThan(1.6);
    expect(per('domains')).toBeGreaterThan(1.5);
    expect(per('domains')).toBeLessThan(2.5);
    expect(first.rows.domain_contacts).toBe(4 * first.rows.domains!);
    expect(per('support_tickets')).toBeGreaterThan(1.1);
    expect(per('support_tickets')).toBeLessThan(1.9);
    expect(first.rows.support_messages! / first.rows.support_tickets!).toBeGreaterThan(2.3);
    expect(first.rows.support_messages! / first.rows.support_tickets!).toBeLessThan(3.8);
    expect(first.rows.invoice_lines! / first.rows.invoices!).toBeGreaterThanOrEqual(1);
    expect(first.rows.invoice_lines! / first.rows.invoices!).toBeLessThan(2);
    const customerYears = await one(db, sql<{ n: number }>`select sum(extract(epoch from (${asOf}::timestamptz - created_at))) / (365.25 * 86400) as n from accounts`);
    expect(first.rows.invoices! / customerYears).toBeGreaterThan(11);
    expect(first.rows.invoices! / customerYears).toBeLessThan(19);
    const withContacts = await one(db, sql<{ n: number }>`select count(distinct account_id) as n from account_contacts`);
    expect(withContacts / customers).toBeGreaterThan(0.1);
    expect(withContacts / customers).toBeLessThan(0.3);
    expect(per('trusted_users')).toBeGreaterThan(0.005);
    expect(per('trusted_users')).toBeLessThan(0.08);
    expect(per('sign_in_events')).toBeGreaterThan(2.5);
    expect(per('sign_in_events')).toBeLessThan(6);
    const paid = await one(db, sql<{ n: number }>`select count(*) as n from invoices where status = 'paid'`);
    expect(first.rows.payments).toBeGreaterThanOrEqual(paid);
    expect(await one(db, sql<{ n: number }>`select count(*) as n from licences l join services s on s.id = l.service_id join service_plans p on p.id = s.plan_id where p.kind <> 'panel_licence'`)).toBe(0);
    expect(await one(db, sql<{ n: number }>`select count(*) as n from services s where s.status <> 'ordered' and s.status <> 'failed' and not exists (select 1 from invoices i where i.id = s.invoice_id and i.status = 'paid')`)).toBe(0);
  });

  it('numbers invoices and credit notes without gaps in the order of issue, and the sequence table agrees', async () => {
    const db = t.app.deps.db;
    for (const [table, series, prefix] of [['invoices', 'invoice', ''], ['credit_notes', 'credit_note', 'CN-']] as const) {
      const rows = (await sql<{ number: string; issued_at: Date }>`select number, issued_at from ${sql.table(table)} order by issued_at, number`.execute(db)).rows;
      const perYear = new Map<number, number>();
      for (const row of rows) {
        const year = row.issued_at.getUTCFullYear();
        const next = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, next);
        expect(row.number).toBe(`${prefix}${year}-${String(next).padStart(6, '0')}`);
      }
      const sequences = await db.selectFrom('billing_number_sequences').select(['year', 'last_number']).where('series', '=', series).execute();
      expect(Object.fromEntries(sequences.map((s) => [s.year, s.last_number]))).toEqual(Object.fromEntries(perYear));
    }
  });

  it('keeps statuses consistent with dates, all before the as-of day', async () => {
    const db = t.app.deps.db;
    const count = (query: ReturnType<typeof sql<{ n: number }>>) => one(db, query);
    expect(await count(sql`select count(*) as n from invoices where (status = 'paid') <> (paid_at is not null) or paid_at < issued_at or due_at <> issued_at + interval '14 days' or issued_at >= ${asOf}`)).toBe(0);
    expect(await count(sql`select count(*) as n from invoices where reminded_at is not null and (status <> 'open' or reminded_at < due_at)`)).toBe(0);
    expect(await count(sql`select count(*) as n from services where (status in ('active', 'suspended', 'cancelled')) <> (activated_at is not null) or (status = 'cancelled') <> (cancelled_at is not null) or (status = 'suspended') <> (suspended_at is not null)`)).toBe(0);
    expect(await count(sql`select count(*) as n from domains where (status = 'active' and expires_at <= ${asOf}) or (status = 'expired' and expires_at > ${asOf})`)).toBe(0);
    expect(await count(sql`select count(*) as n from accounts a where exists (select 1 from invoices i where i.account_id = a.id and i.issued_at < a.created_at)`)).toBe(0);
    expect(await count(sql`select count(*) as n from sign_in_events where occurred_at >= ${asOf} or occurred_at < ${new Date(asOf.getTime() - 100 * DAY)}`)).toBe(0);
    expect(await count(sql`select count(*) as n from support_tickets where closed_at >= ${asOf} or created_at >= ${asOf}`)).toBe(0);
  });

  it('seals every encrypted column with the key of the subject the row belongs to', async () => {
    const db = t.app.deps.db;
    let checked = 0;
    for (const table of chunkTables) {
      const declaration = declarationFor(table)!;
      if (declaration.subjectLink.via !== 'column') continue;
      const link = declaration.subjectLink.column;
      for (const [column, spec] of Object.entries(declaration.columns)) {
        if (spec.category === null || !spec.encrypted) continue;
        const rows = (await sql<{ subject: string; value: Buffer }>`select ${sql.ref(link)} as subject, ${sql.ref(column)} as value from ${sql.table(table)} where ${sql.ref(column)} is not null limit 3`.execute(db)).rows;
        for (const row of rows) {
          const plain = (await t.app.deps.keyring.forSubject(db, row.subject)).decrypt(row.value, `${table}.${column}`);
          expect(plain.length, `${table}.${column}`).toBeGreaterThan(0);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('gives the same plaintext for the same seed in another database, also when interrupted and resumed', async () => {
    expect(interruptedAfter).toBe(1);
    expect(resumed.resumedAtChunk).toBe(1);
    expect(resumed.password).toBeNull();
    const { audit_events: _a, ...firstRows } = first.rows;
    const { audit_events: _b, ...resumedRows } = resumed.rows;
    expect(resumedRows).toEqual(firstRows);
    const digest = async (db: Kysely<Database>) => {
      const accounts = await db.selectFrom('accounts').selectAll().orderBy('id').limit(20).execute();
      const hash = createHash('sha256');
      for (const account of accounts) {
        const cipher = await t.app.deps.keyring.forSubject(db, account.subject_id);
        hash.update([account.id, cipher.decrypt(account.email_enc, 'accounts.email_enc'), cipher.decrypt(account.first_name_enc, 'accounts.first_name_enc'), cipher.decrypt(account.last_name_enc, 'accounts.last_name_enc')].join('|'));
        const invoices = await db.selectFrom('invoices').select(['number', 'gross_cents', 'issued_at', 'status']).where('account_id', '=', account.id).orderBy('number').execute();
        hash.update(JSON.stringify(invoices));
      }
      return { accounts: accounts.length, digest: hash.digest('hex') };
    };
    const expected = await digest(t.app.deps.db);
    expect(expected.accounts).toBe(20);
    expect(await digest(other.db)).toEqual(expected);
    // Random IVs: the same plaintext, different ciphertexts.
    const ciphertext = (db: Kysely<Database>) => db.selectFrom('accounts').select('email_enc').orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect((await ciphertext(t.app.deps.db)).email_enc.equals((await ciphertext(other.db)).email_enc)).toBe(false);
  });

  it('lets a generated customer sign in through the HTTP API with the shared password and read their invoices', async () => {
    const client = t.client();
    const signIn = await client.api('POST', '/api/v1/session', { email: first.sampleEmail, password: first.password });
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as { accountId: string; secondFactorRequired: boolean; emailVerified: boolean };
    expect(session).toMatchObject({ secondFactorRequired: false, emailVerified: true });
    const response = await client.api('GET', '/api/v1/billing/invoices');
    expect(response.status).toBe(200);
    const { invoices } = (await response.json()) as { invoices: Array<{ number: string }> };
    const stored = await t.app.deps.db.selectFrom('invoices').select('number').where('account_id', '=', session.accountId).orderBy('issued_at', 'desc').execute();
    expect(invoices.length).toBeGreaterThan(0);
    expect(invoices.map((i) => i.number)).toEqual(stored.slice(0, invoices.length).map((i) => i.number));
  });

  it('shows a generated customer\'s whole account area, and the console, without an error', async () => {
    const db = t.app.deps.db;
    // The customer with the most kinds of things: services, domains, tickets, contacts, messages.
    const { rows: [busiest] } = await sql<{ id: string; subject_id: string; email_enc: Buffer }>`
      select a.id, a.subject_id, a.email_enc from accounts a
      order by (select count(*) from services s where s.account_id = a.id) + (select count(*) from domains d where d.account_id = a.id)
        + (select count(*) from support_tickets k where k.account_id = a.id) + (select count(*) from account_contacts c where c.account_id = a.id)
        + (select count(*) from account_messages m where m.account_id = a.id) desc, a.id
      limit 1`.execute(db);
    const email = (await t.app.deps.keyring.forSubject(db, busiest!.subject_id)).decrypt(busiest!.email_enc, 'accounts.email_enc');
    const client = t.client();
    expect((await client.api('POST', '/api/v1/session', { email, password: first.password })).status).toBe(200);
    const ids = async (table: 'invoices' | 'services' | 'domains' | 'account_contacts' | 'account_messages') => (await db.selectFrom(table).select('id').where('account_id', '=', busiest!.id).execute()).map((r) => r.id);
    const references = (await db.selectFrom('support_tickets').select('reference').where('account_id', '=', busiest!.id).execute()).map((r) => r.reference);
    const invoice = (await ids('invoices'))[0]!;
    const pages = [
      '/account', '/account/billing', `/account/billing/invoices/${invoice}`, `/account/billing/invoices/${invoice}.pdf`, '/account/services', '/account/domains', '/account/support',
      '/account/contacts', '/account/messages', '/account/profile', '/account/profile/history', '/account/privacy', '/account/trusted-users',
      ...(await ids('services')).map((id) => `/account/services/${id}`), ...(await ids('domains')).map((id) => `/account/domains/${id}`),
      ...references.map((reference) => `/account/support/${reference}`), ...(await ids('account_contacts')).map((id) => `/account/contacts/${id}`),
      ...(await ids('account_messages')).slice(0, 1).map((id) => `/account/messages/${id}`),
    ];
    for (const page of pages) expect({ page, status: (await client.get(page)).status }).toEqual({ page, status: 200 });

    const owner = await createTestStaff(t, 'owner');
    const staff = t.client();
    expect((await signInStaffPage(staff, owner)).status).toBe(303);
    const application = await db.selectFrom('job_applications').select('id').orderBy('id').executeTakeFirstOrThrow();
    const consolePages = [
      '/console/customers', `/console/customers/${busiest!.id}`, '/console/invoices', `/console/invoices/${invoice}`, '/console/payments', '/console/services',
      '/console/domains', '/console/tickets', `/console/tickets/${references[0]}`, '/console/applications', `/console/applications/${application.id}`, '/console/announcements',
    ];
    for (const page of consolePages) expect({ page, status: (await staff.get(page)).status }).toEqual({ page, status: 200 });
  });

  it('reports a database generated with the same seed, and refuses another seed or a database that holds people', async () => {
    expect(await generateScaleData(t.app.deps, options)).toEqual({ outcome: 'already-generated', marker: first.marker });
    expect(await generateScaleData(t.app.deps, { ...options, seed: 12 })).toEqual({ outcome: 'refused', reason: expect.stringContaining('seed 11 for 300 subjects') });
    expect(refusedWithPeople).toEqual({ outcome: 'refused', reason: expect.stringContaining('already holds 1 customers, contacts or applicants') });
  });
});
