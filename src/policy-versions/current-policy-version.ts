import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { versionInForce } from './policy-versions.store.js';
import { todayOf } from './publish-policy-version.js';

export interface PolicyVersionInForce {
  readonly version: number;
  readonly effectiveDate: string;
  /** sha256 (hex) of the English notice text of that version. */
  readonly noticeTextHash: string;
}

/** The published version in force today (the newest whose effective date has come); null before the first. */
export async function currentPolicyVersion(db: Kysely<Database>, now: Date = new Date()): Promise<PolicyVersionInForce | null> {
  const found = await versionInForce(db, todayOf(now));
  return found ? { version: found.version, effectiveDate: found.effectiveDate, noticeTextHash: found.noticeTextHash } : null;
}
