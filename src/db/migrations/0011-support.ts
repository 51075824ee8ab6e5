import type { Kysely } from 'kysely';

/** Support tickets, messages, attachments, departments, internal notes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
