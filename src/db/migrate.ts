import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as register from './migrations/0002-register.js';
import * as consent from './migrations/0003-consent.js';
import * as apiClients from './migrations/0004-api-clients.js';
import * as policyVersions from './migrations/0005-policy-versions.js';
import * as trustedUsersMigration from './migrations/0006-trusted-users.js';
import * as profileMigration from './migrations/0007-profile.js';
import * as billingMigration from './migrations/0008-billing.js';
import * as servicesMigration from './migrations/0009-services.js';
import * as domainsMigration from './migrations/0010-domains.js';
import * as supportMigration from './migrations/0011-support.js';
import * as communityMigration from './migrations/0012-community.js';
import * as careersMigration from './migrations/0013-careers.js';
import * as customerRecordsMigration from './migrations/0014-customer-records.js';

/** Migrations are listed statically so the built package needs no directory scan. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-register': register,
  '0003-consent': consent,
  '0004-api-clients': apiClients,
  '0005-policy-versions': policyVersions,
  '0006-trusted-users': trustedUsersMigration,
  '0007-profile': profileMigration,
  '0008-billing': billingMigration,
  '0009-services': servicesMigration,
  '0010-domains': domainsMigration,
  '0011-support': supportMigration,
  '0012-community': communityMigration,
  '0013-careers': careersMigration,
  '0014-customer-records': customerRecordsMigration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
