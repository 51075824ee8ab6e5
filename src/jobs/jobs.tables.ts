import type { Generated } from 'kysely';
import { defineTable, notPersonal } from '../datamap/define-table.js';

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Record<string, unknown>;
  status: Generated<JobStatus>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export const jobsTable = defineTable<JobsTable>({
  table: 'jobs',
  description: 'Background work (email delivery, retention sweeps, notices), shared by every app process.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'payloads hold ids only; the work they point to carries its own subject link' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Finished jobs are removed after a week.' },
  columns: {
    id: notPersonal(),
    kind: notPersonal(),
    payload: notPersonal('ids only, enforced by enqueue-job'),
    status: notPersonal(),
    run_at: notPersonal(),
    attempts: notPersonal(),
    max_attempts: notPersonal(),
    locked_by: notPersonal(),
    locked_until: notPersonal(),
    last_error: notPersonal('error class and message; messages never include personal data'),
    dedupe_key: notPersonal(),
    created_at: notPersonal(),
    finished_at: notPersonal(),
  },
});
