import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AnnouncementsTable } from '../community/community.tables.js';
import type { JobOpeningsTable } from '../careers/careers.tables.js';
import type { BillingNumberSequencesTable } from '../billing/billing.tables.js';
import type { Database } from '../db/database.types.js';
import { chunkTables, type ChunkRows } from './chunk-rows.js';
import type { CataloguePlan, CatalogueTld } from './plan-context.js';

type Db = Kysely<Database> | Transaction<Database>;

/** People a generated run must not mix with: customers, their contacts and applicants. */
export async function countPeople(db: Db): Promise<number> {
  const row = await db.selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('count')).where('kind', 'in', ['customer', 'contact', 'applicant']).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countSubjectsByKind(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('subjects').select(['kind', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('kind').orderBy('kind').execute();
  return Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]));
}

export interface StoredCatalogue {
  readonly plans: ReadonlyArray<CataloguePlan & { readonly id: string }>;
  readonly tlds: readonly CatalogueTld[];
  readonly departments: readonly string[];
}

export async function readCatalogue(db: Db): Promise<StoredCatalogue> {
  const plans = await db.selectFrom('service_plans').select(['id', 'code', 'kind', 'name', 'monthly_price_cents']).where('active', '=', true).execute();
  const tlds = await db.selectFrom('domain_tlds').selectAll().orderBy('position').execute();
  const departments = await db.selectFrom('support_departments').select('id').where('active', '=', true).orderBy('position').execute();
  return {
    plans: plans.map((p) => ({ id: p.id, code: p.code, kind: p.kind, name: p.name, monthlyCents: p.monthly_price_cents })),
    tlds: tlds.map((t) => ({ tld: t.tld, yearlyCents: t.yearly_price_cents, transferCents: t.transfer_price_cents, requiresDocument: t.requires_identity_document, maxYears: t.max_years })),
    departments: departments.map((d) => d.id),
  };
}

/**
 * Bulk inserts, parents before children. Rows travel as one JSON document per statement, expanded
 * by json_populate_recordset into the table's own row type: far fewer bound parameters than a
 * multi-row VALUES list, which PGlite in particular handles slowly (about twice the speed here).
 */
export async function insertChunkRows(trx: Transaction<Database>, rows: ChunkRows): Promise<void> {
  for (const table of chunkTables) await insertRows(trx, table, rows[table]);
}

const rowsPerStatement = 5000;

async function insertRows(trx: Transaction<Database>, table: keyof ChunkRows, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]!).map((column) => sql.ref(column)));
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const document = JSON.stringify(rows.slice(start, start + rowsPerStatement).map(jsonRow));
    await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${document}::json)`.execute(trx);
  }
}

/** bytea as PostgreSQL's hex text form; dates serialise as ISO-8601 through JSON.stringify. */
function jsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    out[key] = Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : value;
  }
  return out;
}

export interface SetupRows {
  readonly openings: ReadonlyArray<Insertable<JobOpeningsTable> & { id: string }>;
  readonly announcements: ReadonlyArray<Insertable<AnnouncementsTable> & { id: string }>;
  readonly sequences: ReadonlyArray<Insertable<BillingNumberSequencesTable>>;
}

/**
 * Instance-wide rows the chunks refer to, and the number sequences set to their final values at
 * once: an invoice issued while generation runs takes a number after every generated one.
 */
export async function insertSetupRows(trx: Transaction<Database>, setup: SetupRows): Promise<void> {
  if (setup.openings.length > 0) await trx.insertInto('job_openings').values([...setup.openings]).onConflict((oc) => oc.column('id').doNothing()).execute();
  if (setup.announcements.length > 0) await trx.insertInto('announcements').values([...setup.announcements]).onConflict((oc) => oc.column('id').doNothing()).execute();
  for (const sequence of setup.sequences) {
    await trx
      .insertInto('billing_number_sequences')
      .values(sequence)
      .onConflict((oc) => oc.columns(['series', 'year']).doUpdateSet({ last_number: sql<number>`greatest(billing_number_sequences.last_number, excluded.last_number)` }))
      .execute();
  }
}

export async function passwordHashOf(db: Db, accountId: string): Promise<string | undefined> {
  return (await db.selectFrom('accounts').select('password_hash').where('id', '=', accountId).executeTakeFirst())?.password_hash;
}

/** Row counts for the summary; exact counts, so the summary is also a check. */
export async function countRows(db: Db, tables: ReadonlyArray<keyof Database & string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}
