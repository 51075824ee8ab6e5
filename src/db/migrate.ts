import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as register from './migrations/0002-register.js';
import * as consent from './migrations/0003-consent.js';
import * as apiClients from './migrations/0004-api-clients.js';
import * as policyVersions from './migrations/0005-policy-versions.js';

/** Migrations are listed statically so the built package needs no directory scan. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-register': register,
  '0003-consent': consent,
  '0004-api-clients': apiClients,
  '0005-policy-versions': policyVersions,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
