import type { Kysely } from 'kysely';

/** Job openings and applications, kept apart from customers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
