import type { Kysely } from 'kysely';

/** Public announcements and customer comments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
