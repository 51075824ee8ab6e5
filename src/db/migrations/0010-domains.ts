import type { Kysely } from 'kysely';

/** Domains through the registrar adapter, contacts, identity documents, publication choice. */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}
