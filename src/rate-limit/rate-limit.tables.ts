import { defineTable, notPersonal } from '../datamap/define-table.js';

export interface RateLimitsTable {
  bucket_key: string;
  window_started_at: Date;
  hits: number;
}

export const rateLimitsTable = defineTable<RateLimitsTable>({
  table: 'rate_limits',
  description: 'Fixed-window counters for sign-in, sign-up and reset, shared by every app process.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'keys are keyed hashes of IP or email; windows expire within the hour' },
  purposes: ['dpv:ServiceSecurity'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Expired windows are removed by the retention sweep.' },
  columns: {
    bucket_key: notPersonal('HMAC of scope and IP/email; cannot be reversed without the instance key'),
    window_started_at: notPersonal(),
    hits: notPersonal(),
  },
});
