import { defineTable, notPersonal, personal } from '../datamap/define-table.js';

export interface RegisterDraftsTable {
  /** Always 'current' for now; versions and publishing come later. */
  id: string;
  document: unknown;
  updated_at: Date;
  /** Subject id of the staff member who saved it; null for the shipped default or after their erasure. */
  updated_by: string | null;
}

export const registerDraftsTable = defineTable<RegisterDraftsTable>({
  table: 'register_drafts',
  description: 'The processing register (Art 30) the privacy notice is generated from, as one validated document.',
  dataSubjects: ['dpv:Employee'],
  subjectLink: { via: 'column', column: 'updated_by' },
  purposes: ['dpv:LegalCompliance'],
  legalBasis: 'eu-gdpr:A6-1-c',
  retention: { kind: 'system', description: 'The current register is kept while the instance runs; each save replaces the previous one.' },
  columns: {
    id: notPersonal(),
    document: personal('pd:Name', {
      action: 'keep',
      legalBasis: 'eu-gdpr:A6-1-c',
      reason: 'Business contact data (name, email, postal address) of the controller, its representative and its data protection officer, which Art 13(1)(a)-(b), 30(1)(a) and 37(7) GDPR require to be published; replaced by editing the register, not tied to the editor.',
      period: { iso: 'P0D' },
    }, { note: 'also holds business email addresses and postal addresses (pd:EmailAddress, pd:PhysicalAddress) of the same contacts' }),
    updated_at: notPersonal(),
    updated_by: personal('pd:Identifier', { action: 'deattribute' }, { note: 'subject id of the staff member who saved the register' }),
  },
});
