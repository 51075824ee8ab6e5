import type { Kysely } from 'kysely';
import type { Config } from '../config/load-config.js';
import { dataMap } from '../datamap/datamap.registry.js';
import type { Database } from '../db/database.types.js';
import { translator } from '../i18n/i18n.js';
import { currentPolicyVersion } from '../policy-versions/current-policy-version.js';
import { noticeMain } from '../privacy-notice/privacy-notice.pages.js';
import { currentRegister } from '../register/current-register.js';
import { noticeTextHash } from './record-consent.js';

export interface ConsentNotice {
  readonly version: string;
  readonly textHash: string;
}

/** Version used until the provider publishes a privacy policy version. */
export const unpublishedNoticeVersion = 'unpublished';

/**
 * The notice a choice is made against: the published policy version in force (its English text's
 * hash), or, before the first publication, the privacy notice as rendered right now, 'unpublished'.
 */
export async function currentConsentNotice(db: Kysely<Database>, retention: Config['retention'], now: Date = new Date()): Promise<ConsentNotice> {
  const published = await currentPolicyVersion(db, now);
  if (published) return { version: String(published.version), textHash: published.noticeTextHash };
  const text = noticeMain({ register: (await currentRegister(db)).register, declarations: dataMap, retention, tr: translator('en'), locale: 'en' }).value;
  return { version: unpublishedNoticeVersion, textHash: noticeTextHash(text) };
}
