import type { Kysely } from 'kysely';

/** Staff views of customers with reason for access, abuse suspension. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
