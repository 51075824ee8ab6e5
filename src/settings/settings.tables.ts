import type { Generated } from 'kysely';
import { defineTable, notPersonal } from '../datamap/define-table.js';

export interface SettingsTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

export const settingsTable = defineTable<SettingsTable>({
  table: 'settings',
  description: 'Instance settings changed at run time by the owner (e.g. two-factor required for staff).',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'instance-wide configuration' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Kept while the instance runs.' },
  columns: { key: notPersonal(), value: notPersonal('never holds personal data'), updated_at: notPersonal() },
});
