import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AccountStatus } from '../accounts/accounts.tables.js';
import type { AbuseBlocksTable, AbuseCategory, RecordReasonKind } from './customer-records.tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the customer list may show: nothing beyond pseudonymous id, state and age. */
export interface AccountSummaryRow {
  readonly id: string;
  readonly subject_id: string;
  readonly status: AccountStatus;
  readonly created_at: Date;
}

export async function latestAccounts(db: Db, limit: number): Promise<AccountSummaryRow[]> {
  return db.selectFrom('accounts').select(['id', 'subject_id', 'status', 'created_at']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function accountSummaryById(db: Db, accountId: string): Promise<AccountSummaryRow | undefined> {
  return db.selectFrom('accounts').select(['id', 'subject_id', 'status', 'created_at']).where('id', '=', accountId).executeTakeFirst();
}

export async function accountSummaryByEmailLookup(db: Db, emailLookup: Buffer): Promise<AccountSummaryRow | undefined> {
  return db.selectFrom('accounts').select(['id', 'subject_id', 'status', 'created_at']).where('email_lookup', '=', emailLookup).executeTakeFirst();
}

export interface NewGrantRow {
  readonly staff_id: string;
  readonly subject_id: string;
  readonly reason_kind: RecordReasonKind;
  readonly ticket_id: string | null;
  readonly reason_enc: Buffer | null;
  readonly granted_at: Date;
  readonly expires_at: Date;
}

export async function insertRecordGrant(trx: Transaction<Database>, row: NewGrantRow): Promise<string> {
  const inserted = await trx.insertInto('customer_record_grants').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** The newest grant of this staff member for this customer that has not expired at `now`. */
export async function liveRecordGrant(db: Db, staffId: string, subjectId: string, now: Date): Promise<{ id: string; expires_at: Date; reason_kind: RecordReasonKind; ticket_id: string | null } | undefined> {
  return db
    .selectFrom('customer_record_grants')
    .select(['id', 'expires_at', 'reason_kind', 'ticket_id'])
    .where('staff_id', '=', staffId)
    .where('subject_id', '=', subjectId)
    .where('granted_at', '<=', now)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}

export type AbuseBlockRow = Selectable<AbuseBlocksTable>;

export interface NewAbuseBlockRow {
  readonly account_id: string;
  readonly subject_id: string;
  readonly category: AbuseCategory;
  readonly email_hash: Buffer;
  readonly created_by: string | null;
}

export async function insertAbuseBlock(trx: Transaction<Database>, row: NewAbuseBlockRow): Promise<string> {
  const inserted = await trx.insertInto('abuse_blocks').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function abuseBlocksOfAccount(db: Db, accountId: string): Promise<AbuseBlockRow[]> {
  return db.selectFrom('abuse_blocks').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute();
}

export async function deleteAbuseBlocksOfAccount(trx: Transaction<Database>, accountId: string): Promise<string[]> {
  const deleted = await trx.deleteFrom('abuse_blocks').where('account_id', '=', accountId).returning('id').execute();
  return deleted.map((row) => row.id);
}

/** The id of a block holding this email hash, if any. */
export async function abuseBlockByEmailHash(db: Db, emailHash: Buffer): Promise<string | undefined> {
  const row = await db.selectFrom('abuse_blocks').select('id').where('email_hash', '=', emailHash).limit(1).executeTakeFirst();
  return row?.id;
}
