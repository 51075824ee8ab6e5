import type { Generated } from 'kysely';
import { defineTable, notPersonal } from '../datamap/define-table.js';

export const subjectKinds = ['customer', 'staff', 'contact', 'applicant', 'visitor'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export interface SubjectsTable {
  id: Generated<string>;
  kind: SubjectKind;
  created_at: Generated<Date>;
  erased_at: Date | null;
}

export const subjectsTable = defineTable<SubjectsTable>({
  table: 'subjects',
  description: 'Every person Custodian holds data about; other tables link to a subject id.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee', 'dpv:JobApplicant', 'dpv:Visitor'],
  subjectLink: { via: 'column', column: 'id' },
  purposes: ['dpv:RecordManagement'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: { kind: 'while-subject-active', description: 'The pseudonymous id stays after erasure as proof that erasure happened.' },
  columns: {
    id: notPersonal('pseudonymous identifier; personal only through the rows that reference it'),
    kind: notPersonal(),
    created_at: notPersonal(),
    erased_at: notPersonal(),
  },
});
