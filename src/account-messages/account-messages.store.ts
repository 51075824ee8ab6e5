import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AccountMessagesTable, MessageCategory } from './account-messages.tables.js';

export type AccountMessageRow = Selectable<AccountMessagesTable>;

export interface NewAccountMessageRow {
  readonly account_id: string;
  readonly subject_id: string;
  readonly category: MessageCategory;
  readonly title_enc: Buffer;
  readonly body_enc: Buffer;
}

export async function insertAccountMessage(trx: Transaction<Database>, row: NewAccountMessageRow): Promise<string> {
  const inserted = await trx.insertInto('account_messages').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertAccountMessages(trx: Transaction<Database>, rows: readonly NewAccountMessageRow[]): Promise<string[]> {
  const inserted = await trx.insertInto('account_messages').values([...rows]).returning('id').execute();
  return inserted.map((row) => row.id);
}

/** The newest messages of one account; never anyone else's. */
export async function messagesOfAccount(db: Kysely<Database>, accountId: string, limit: number): Promise<AccountMessageRow[]> {
  return db.selectFrom('account_messages').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** One message, only when it belongs to the account. */
export async function messageOfAccount(db: Kysely<Database> | Transaction<Database>, accountId: string, messageId: string): Promise<AccountMessageRow | undefined> {
  return db.selectFrom('account_messages').selectAll().where('id', '=', messageId).where('account_id', '=', accountId).executeTakeFirst();
}

export async function markMessageRead(trx: Transaction<Database>, accountId: string, messageId: string, at: Date): Promise<void> {
  await trx.updateTable('account_messages').set({ read_at: at }).where('id', '=', messageId).where('account_id', '=', accountId).where('read_at', 'is', null).execute();
}

export async function countUnread(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db.selectFrom('account_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
