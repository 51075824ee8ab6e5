import type { Generated } from 'kysely';
import { defineTable, notPersonal } from '../datamap/define-table.js';

export interface SubjectKeysTable {
  subject_id: string;
  wrapped_key: Buffer | null;
  created_at: Generated<Date>;
  shredded_at: Date | null;
}

export const subjectKeysTable = defineTable<SubjectKeysTable>({
  table: 'subject_keys',
  description: 'Per-subject data keys, wrapped by the master key. Destroying one makes every copy of that subject\'s encrypted data unreadable.',
  dataSubjects: ['dpv:Customer', 'dpv:Employee', 'dpv:JobApplicant'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceSecurity'],
  legalBasis: null,
  retention: { kind: 'while-subject-active', description: 'Destroyed (crypto-shredded) when the subject is erased.' },
  columns: {
    subject_id: notPersonal('link to the subject'),
    wrapped_key: notPersonal('key material, not personal data; destroyed on erasure'),
    created_at: notPersonal(),
    shredded_at: notPersonal(),
  },
});
