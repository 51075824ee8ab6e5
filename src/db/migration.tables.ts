import { defineTable, notPersonal } from '../datamap/define-table.js';

export interface KyselyMigrationTable { name: string; timestamp: string }
export interface KyselyMigrationLockTable { id: string; is_locked: number }

const system = { dataSubjects: [], subjectLink: { via: 'none', reason: 'schema bookkeeping' }, purposes: ['dpv:ServiceProvision'], legalBasis: null, retention: { kind: 'system', description: 'Kept while the instance runs.' } } as const;

export const kyselyMigrationTable = defineTable<KyselyMigrationTable>({
  ...system,
  table: 'kysely_migration',
  description: 'Applied schema migrations.',
  columns: { name: notPersonal(), timestamp: notPersonal() },
});

export const kyselyMigrationLockTable = defineTable<KyselyMigrationLockTable>({
  ...system,
  table: 'kysely_migration_lock',
  description: 'Lock that keeps two processes from migrating at once.',
  columns: { id: notPersonal(), is_locked: notPersonal() },
});
