import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { MessageClass, OutboxEmailsTable } from './email.tables.js';

export type ClaimedEmail = Pick<Selectable<OutboxEmailsTable>, 'id' | 'subject_id' | 'message_class' | 'template' | 'envelope_enc' | 'attempts'>;

export async function insertOutboxEmail(trx: Transaction<Database>, row: { subject_id: string; message_class: MessageClass; template: string; envelope_enc: Buffer }): Promise<string> {
  const inserted = await trx.insertInto('outbox_emails').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Leases due queued emails: next_attempt_at moves to the end of the lease, so a sender that dies
 * mid-send leaves the row due again later; SKIP LOCKED lets processes claim side by side. The
 * attempt is counted at claim time and doubles as the lease token for the follow-up writes.
 */
export async function claimDueEmails(db: Kysely<Database>, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEmail[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_emails')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('outbox_emails')
      .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due.map((d) => d.id))
      .returning(['id', 'subject_id', 'message_class', 'template', 'envelope_enc', 'attempts'])
      .execute();
  });
}

export type EmailOutcome =
  | { status: 'sent'; sentAt: Date; transportMessageId: string }
  | { status: 'failed' | 'blocked'; error: string }
  | { status: 'queued'; nextAttemptAt: Date; error: string };

/**
 * Writes the result of the attempt numbered `attempt`; false when the row moved on meanwhile
 * (its lease ran out and another sender took it), so the caller records nothing twice.
 */
export async function recordEmailOutcome(trx: Transaction<Database>, id: string, attempt: number, outcome: EmailOutcome): Promise<boolean> {
  const values =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sent_at: outcome.sentAt, transport_message_id: outcome.transportMessageId, last_error: null }
      : outcome.status === 'queued'
        ? { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error }
        : { status: outcome.status, last_error: outcome.error };
  const result = await trx.updateTable('outbox_emails').set(values).where('id', '=', id).where('status', '=', 'queued').where('attempts', '=', attempt).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
