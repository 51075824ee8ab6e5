import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import { findTicketByReference } from './support.store.js';

/**
 * The ticket behind a reference a staff member quotes (e.g. as the reason for opening a customer
 * record), with the account and customer it belongs to; undefined when there is none. Reads ids
 * only, no ticket content, so callers audit their own access.
 */
export async function findTicketForStaff(db: Kysely<Database> | Transaction<Database>, reference: string): Promise<{ id: string; accountId: string; subjectId: string } | undefined> {
  const normalised = reference.trim().toUpperCase();
  if (!/^T-[0-9A-Z]{6}$/.test(normalised)) return undefined;
  const row = await findTicketByReference(db, normalised);
  return row ? { id: row.id, accountId: row.account_id, subjectId: row.subject_id } : undefined;
}
