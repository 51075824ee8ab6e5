import type { Generated } from 'kysely';
import { defineTable, notPersonal, personal } from '../datamap/define-table.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';

export interface AnnouncementsTable {
  id: Generated<string>;
  author_subject_id: string | null;
  title: string;
  body: string;
  published_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AnnouncementCommentsTable {
  id: Generated<string>;
  announcement_id: string;
  author_subject_id: string | null;
  author_account_id: string | null;
  body: string;
  created_at: Generated<Date>;
  hidden_at: Date | null;
  deattributed_at: Date | null;
}

/** The Kysely tables of community; merged into Database. */
export interface CommunityDatabase {
  announcements: AnnouncementsTable;
  announcement_comments: AnnouncementCommentsTable;
}

export const announcementsTable = defineTable<AnnouncementsTable>({
  table: 'announcements',
  description: 'Public announcements by the provider (maintenance, new offers, changes). The text is the provider\'s own; only the link to the staff member who wrote it is personal.',
  dataSubjects: ['dpv:Employee'],
  subjectLink: { via: 'column', column: 'author_subject_id' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-f',
  legitimateInterest: 'Knowing which staff member wrote a public statement of the provider, to account for what is published.',
  retention: { kind: 'system', description: 'Kept while the provider keeps the announcement; unpublishing hides it from the public.' },
  columns: {
    id: notPersonal(),
    author_subject_id: personal('pd:Identifier', { action: 'deattribute' }, { note: 'subject id of the staff member who wrote it; null for announcements made by the system' }),
    title: notPersonal(),
    body: notPersonal(),
    published_at: notPersonal('null while a draft or unpublished'),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

export const announcementCommentsTable = defineTable<AnnouncementCommentsTable>({
  table: 'announcement_comments',
  description: 'Comments customers post publicly under announcements. The author\'s name is never stored here: it is derived from the account when the page is shown (first name and initial of the last name), so erasing the account removes it.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'author_subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:CustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'system', description: 'Kept with their announcement. Authors delete their own comments at any time; erasure of the author removes the link to them and the text stays as "Former customer".' },
  columns: {
    id: notPersonal(),
    announcement_id: notPersonal(),
    author_subject_id: personal('pd:Identifier', { action: 'deattribute' }, { note: 'the author\'s subject; set to null when the author is erased' }),
    author_account_id: personal('pd:Identifier', { action: 'deattribute' }, { note: 'the author\'s account, from which the shown name is derived; set to null when the author is erased or the account is deleted' }),
    body: personal('pd:Communication', { action: 'deattribute' }, {
      note: 'public text, deliberately not encrypted with the author\'s key: it stays under the announcement after the author\'s erasure, no longer linked to anyone, so the conversation keeps its sense. Card numbers are masked before storage; authors can delete the comment before asking for erasure.',
    }),
    created_at: notPersonal(),
    hidden_at: notPersonal('set when a moderator hides the comment (audited)'),
    deattributed_at: notPersonal('when the link to the author was removed'),
  },
});

/** Data-map declarations of community's tables. */
export const communityTables: readonly TableDeclaration[] = [announcementsTable, announcementCommentsTable];
