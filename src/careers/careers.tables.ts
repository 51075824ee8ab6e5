import type { Generated } from 'kysely';
import { defineTable, notPersonal, personal } from '../datamap/define-table.js';
import type { ErasureAction, TableDeclaration } from '../datamap/datamap.types.js';

export const openingStatuses = ['open', 'closed'] as const;
export type OpeningStatus = (typeof openingStatuses)[number];

export const applicationStatuses = ['received', 'reviewing', 'rejected', 'offered', 'hired', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
/** Statuses that end the recruitment for this application and start its retention period. */
export const closingStatuses: readonly ApplicationStatus[] = ['rejected', 'hired', 'withdrawn'];

export interface JobOpeningsTable {
  id: Generated<string>;
  title: string;
  description: string;
  location: string;
  status: Generated<OpeningStatus>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface JobApplicationsTable {
  id: Generated<string>;
  opening_id: string;
  applicant_subject_id: string;
  name_enc: Buffer;
  email_enc: Buffer;
  phone_enc: Buffer | null;
  cover_letter_enc: Buffer;
  cv_filename_enc: Buffer;
  cv_content_enc: Buffer;
  cv_bytes: number;
  status: Generated<ApplicationStatus>;
  staff_notes_enc: Buffer | null;
  received_at: Generated<Date>;
  status_changed_at: Generated<Date>;
  removal_requested_at: Date | null;
  retention_starts_at: Date | null;
}

/** The Kysely tables of careers; merged into Database. */
export interface CareersDatabase {
  job_openings: JobOpeningsTable;
  job_applications: JobApplicationsTable;
}

export const jobOpeningsTable = defineTable<JobOpeningsTable>({
  table: 'job_openings',
  description: 'Positions the provider advertises on its public careers page.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'job descriptions are about positions, not people' },
  purposes: ['dpv:HumanResourceManagement'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Kept while the provider lists the position; closing it takes it off the careers page.' },
  columns: {
    id: notPersonal(),
    title: notPersonal(),
    description: notPersonal(),
    location: notPersonal(),
    status: notPersonal(),
    created_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

/**
 * Kept after a removal request, for the configured period at most: a rejected applicant may bring
 * a discrimination claim, and the application is what shows the decision was fair.
 */
const keptForClaims: ErasureAction = {
  action: 'keep',
  legalBasis: 'eu-gdpr:A6-1-f',
  reason: 'Establishing, exercising or defending legal claims about the recruitment (Art 17(3)(e) GDPR), e.g. a claim under §15(4) AGG in Germany; deleted by the retention sweep when the applicants period after the retention start ends.',
  period: { config: 'applicants' },
};

export const jobApplicationsTable = defineTable<JobApplicationsTable>({
  table: 'job_applications',
  description: 'Job applications sent through the public careers form: contact details, cover letter and CV. Each application has its own applicant subject and key, never linked to a customer account, and only staff with the careers permission can see it (each view is audited).',
  dataSubjects: ['dpv:JobApplicant'],
  subjectLink: { via: 'column', column: 'applicant_subject_id' },
  purposes: ['dpv:HumanResourceManagement'],
  // Steps before a contract at the applicant's request (in Germany also §26(1) BDSG); not consent.
  legalBasis: 'eu-gdpr:A6-1-b',
  legitimateInterest: 'After the application is closed: keeping it for the configured period to answer legal claims about the recruitment.',
  retention: {
    kind: 'after',
    column: 'retention_starts_at',
    period: { config: 'applicants' },
    description: 'Deleted by the retention sweep when the configured applicants period (one year by default) has passed since the retention start. The retention start is the first of: staff closing the application as rejected or hired; the position being closed while the application had no decision; the applicant withdrawing and asking for removal through their status link after one of these. Once set it never moves later. Until then the recruitment is under way and the application is kept. An applicant who withdraws before any of these (no decision, no retention start) cannot bring a claim about the recruitment, so nothing justifies keeping it: the withdrawal itself deletes the application and shreds the applicant\'s key in the same transaction, without waiting for the sweep. The period after closing exists to answer claims (in Germany an applicant can claim within two months of a rejection under §15(4) AGG and then sue within three months, §61b ArbGG); the configured period is the upper bound.',
  },
  columns: {
    id: notPersonal(),
    opening_id: notPersonal(),
    applicant_subject_id: notPersonal('link to the applicant\'s own subject (kind applicant); never an account'),
    name_enc: personal('pd:Name', keptForClaims, { encrypted: true }),
    email_enc: personal('pd:EmailAddress', keptForClaims, { encrypted: true, note: 'to send the confirmation with the status link' }),
    phone_enc: personal('pd:TelephoneNumber', keptForClaims, { encrypted: true, note: 'optional' }),
    cover_letter_enc: personal('pd:Communication', keptForClaims, { encrypted: true }),
    cv_filename_enc: personal('pd:EmploymentHistory', keptForClaims, { encrypted: true, note: 'file names often carry the applicant\'s name' }),
    cv_content_enc: personal('pd:EmploymentHistory', keptForClaims, { encrypted: true, note: 'the CV as a PDF (type checked from its content)' }),
    cv_bytes: notPersonal('size of the CV file'),
    status: notPersonal(),
    staff_notes_enc: personal('pd:ProfessionalInterview', keptForClaims, { encrypted: true, note: 'notes of the staff who review the application' }),
    received_at: notPersonal(),
    status_changed_at: notPersonal(),
    removal_requested_at: notPersonal('when the applicant withdrew and asked for removal'),
    retention_starts_at: notPersonal('start of the retention period; see the retention rule'),
  },
});

/** Data-map declarations of careers's tables. */
export const careersTables: readonly TableDeclaration[] = [jobOpeningsTable, jobApplicationsTable];
