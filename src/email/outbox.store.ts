import type { Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { MessageClass } from './email.tables.js';

export async function insertOutboxEmail(trx: Transaction<Database>, row: { subject_id: string; message_class: MessageClass; template: string; envelope_enc: Buffer }): Promise<string> {
  const inserted = await trx.insertInto('outbox_emails').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
