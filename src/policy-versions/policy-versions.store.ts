import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { NotifyStatus } from './policy-versions.tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PolicyVersionSummary {
  readonly id: string;
  readonly version: number;
  readonly effectiveDate: string;
  readonly publishedAt: Date;
  readonly noticeTextHash: string;
  readonly requiresAcceptance: boolean;
  readonly changes: unknown;
  readonly notifyStatus: NotifyStatus;
  readonly notifyTotal: number;
  readonly notifyDone: number;
}

export interface PolicyVersionRecord extends PolicyVersionSummary {
  readonly snapshot: unknown;
}

const summaryColumns = (db: Db) =>
  db.selectFrom('policy_versions').select([
    'id', 'version', sql<string>`effective_date::text`.as('effective_date'), 'published_at', 'notice_text_hash', 'requires_acceptance', 'changes', 'notify_status', 'notify_total', 'notify_done',
  ]);

type SummaryRow = { id: string; version: number; effective_date: string; published_at: Date; notice_text_hash: string; requires_acceptance: boolean; changes: unknown; notify_status: NotifyStatus; notify_total: number; notify_done: number };

function summaryOf(row: SummaryRow): PolicyVersionSummary {
  return {
    id: row.id, version: row.version, effectiveDate: row.effective_date, publishedAt: row.published_at, noticeTextHash: row.notice_text_hash,
    requiresAcceptance: row.requires_acceptance, changes: row.changes, notifyStatus: row.notify_status, notifyTotal: row.notify_total, notifyDone: row.notify_done,
  };
}

/** Serialises publishing across processes: version numbers are handed out one at a time. */
export async function lockPublishing(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7423041)`.execute(trx);
}

export async function listVersions(db: Db): Promise<PolicyVersionSummary[]> {
  return (await summaryColumns(db).orderBy('version', 'desc').execute()).map(summaryOf);
}

export async function latestVersionRecord(db: Db): Promise<PolicyVersionRecord | undefined> {
  const row = await summaryColumns(db).select('snapshot').orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? { ...summaryOf(row), snapshot: row.snapshot } : undefined;
}

export async function versionRecord(db: Db, version: number): Promise<PolicyVersionRecord | undefined> {
  const row = await summaryColumns(db).select('snapshot').where('version', '=', version).executeTakeFirst();
  return row ? { ...summaryOf(row), snapshot: row.snapshot } : undefined;
}

export async function versionById(db: Db, id: string): Promise<PolicyVersionSummary | undefined> {
  const row = await summaryColumns(db).where('id', '=', id).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

/** The newest version whose effective date has come. */
export async function versionInForce(db: Db, today: string): Promise<PolicyVersionSummary | undefined> {
  const row = await summaryColumns(db).where('effective_date', '<=', sql<string>`${today}::date`).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

export interface NewVersionRow {
  readonly version: number;
  readonly effectiveDate: string;
  readonly publishedBy: string | null;
  readonly snapshot: unknown;
  readonly noticeTextHash: string;
  readonly changes: unknown;
  readonly requiresAcceptance: boolean;
  readonly notifyStatus: NotifyStatus;
}

export async function insertVersion(trx: Transaction<Database>, row: NewVersionRow): Promise<{ id: string; publishedAt: Date }> {
  const inserted = await trx
    .insertInto('policy_versions')
    .values({
      version: row.version, effective_date: row.effectiveDate, published_by: row.publishedBy, snapshot: JSON.stringify(row.snapshot), notice_text_hash: row.noticeTextHash,
      changes: JSON.stringify(row.changes), requires_acceptance: row.requiresAcceptance, notify_status: row.notifyStatus, notify_total: 0,
    })
    .returning(['id', 'published_at'])
    .executeTakeFirstOrThrow();
  return { id: inserted.id, publishedAt: inserted.published_at };
}

/** Accounts a notice for a version published at `publishedAt` goes to: active, and open at that moment. */
export async function countNoticeRecipients(trx: Transaction<Database>, publishedAt: Date): Promise<number> {
  const row = await trx.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'active').where('created_at', '<=', publishedAt).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setNoticeTextHash(trx: Transaction<Database>, versionId: string, hash: string): Promise<void> {
  await trx.updateTable('policy_versions').set({ notice_text_hash: hash }).where('id', '=', versionId).execute();
}

export async function setNotifyTotal(trx: Transaction<Database>, versionId: string, total: number): Promise<void> {
  await trx.updateTable('policy_versions').set({ notify_total: total }).where('id', '=', versionId).execute();
}

export interface NoticeRecipient {
  readonly id: string;
  readonly subject_id: string;
  readonly email_enc: Buffer;
  readonly first_name_enc: Buffer;
  readonly locale: string;
}

/** The next batch by account id (keyset cursor), so each batch is one index range scan. */
export async function recipientsAfter(trx: Transaction<Database>, publishedAt: Date, after: string | null, limit: number): Promise<NoticeRecipient[]> {
  let query = trx.selectFrom('accounts').select(['id', 'subject_id', 'email_enc', 'first_name_enc', 'locale']).where('status', '=', 'active').where('created_at', '<=', publishedAt);
  if (after) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** Claims the accounts of a batch; only those not told before come back (a retried batch tells nobody twice). */
export async function claimNoticeMarkers(trx: Transaction<Database>, versionId: string, recipients: readonly NoticeRecipient[]): Promise<Set<string>> {
  if (recipients.length === 0) return new Set();
  const rows = await trx
    .insertInto('policy_change_notices')
    .values(recipients.map((r) => ({ version_id: versionId, account_id: r.id, subject_id: r.subject_id })))
    .onConflict((oc) => oc.columns(['version_id', 'account_id']).doNothing())
    .returning('account_id')
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

export async function recordProgress(trx: Transaction<Database>, versionId: string, notified: number, status: NotifyStatus): Promise<void> {
  await trx.updateTable('policy_versions').set((eb) => ({ notify_done: eb('notify_done', '+', notified), notify_status: status })).where('id', '=', versionId).execute();
}

export async function insertAcceptance(trx: Transaction<Database>, row: { account_id: string; subject_id: string; version_id: string; ip_truncated: string | null }): Promise<boolean> {
  const inserted = await trx.insertInto('policy_acceptances').values(row).onConflict((oc) => oc.columns(['account_id', 'version_id']).doNothing()).returning('version_id').executeTakeFirst();
  return inserted !== undefined;
}

export async function acceptancesOf(db: Db, accountId: string): Promise<{ version: number; acceptedAt: Date }[]> {
  const rows = await db.selectFrom('policy_acceptances').innerJoin('policy_versions', 'policy_versions.id', 'policy_acceptances.version_id')
    .select(['policy_versions.version', 'policy_acceptances.accepted_at']).where('policy_acceptances.account_id', '=', accountId).orderBy('policy_versions.version', 'desc').execute();
  return rows.map((r) => ({ version: r.version, acceptedAt: r.accepted_at }));
}

/** The newest version that asks for acceptance, when this account has not accepted it (accepting a later one settles earlier ones). */
export async function pendingAcceptance(db: Db, accountId: string): Promise<PolicyVersionSummary | undefined> {
  const row = await summaryColumns(db).where('requires_acceptance', '=', true).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return undefined;
  const accepted = await db.selectFrom('policy_acceptances').select('version_id').where('version_id', '=', row.id).where('account_id', '=', accountId).executeTakeFirst();
  return accepted ? undefined : summaryOf(row);
}
