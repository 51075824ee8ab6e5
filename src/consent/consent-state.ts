import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ConsentStatus } from './consent.tables.js';
import { selectLatestConsentRecord } from './consent.store.js';

export interface ConsentQuery {
  readonly subjectId?: string | null;
  readonly browserId?: string | null;
  readonly purpose: string;
  readonly channel?: string | null;
  readonly now: Date;
}

export interface ConsentState {
  readonly allowed: boolean;
  readonly reason: ConsentStatus | 'no_record';
  readonly recordId: string | null;
}

/**
 * Whether the person (or their browser) has consented to the purpose on the channel right now.
 * The latest record wins; a given consent past its expires_at counts as expired; no record means
 * no consent (silence is refusal). Records of the subject and of the browser are considered together.
 */
export async function consentState(db: Kysely<Database> | Transaction<Database>, query: ConsentQuery): Promise<ConsentState> {
  const latest = await selectLatestConsentRecord(db, query);
  if (!latest) return { allowed: false, reason: 'no_record', recordId: null };
  if (latest.status === 'given' && latest.expires_at !== null && latest.expires_at.getTime() < query.now.getTime()) {
    return { allowed: false, reason: 'expired', recordId: latest.id };
  }
  return { allowed: latest.status === 'given', reason: latest.status, recordId: latest.id };
}
