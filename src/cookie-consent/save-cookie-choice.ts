import type { RequestContext } from '../context/request-context.js';
import { recordConsent } from '../consent/record-consent.js';
import type { ConsentStatus } from '../consent/consent.tables.js';
import { categoryPurpose, optionalCategories, type OptionalCategory, type StoredChoice } from './consent-choice.js';

export interface CookieNotice {
  /** Recorded in the ledger: the banner wording's version and the cookie list's version together. */
  readonly version: string;
  /** sha256 (hex) of the exact banner wording shown. */
  readonly textHash: string;
  /** Kept in the choice cookie: changes with the banner wording or the privacy policy in force, so either asks again. */
  readonly choiceVersion: string;
}

export interface ChoiceWho {
  readonly browserId: string;
  readonly subjectId: string | null;
  readonly userAgentFamily: string | null;
}

function statusOf(category: OptionalCategory, granted: readonly OptionalCategory[], previous: StoredChoice | null): ConsentStatus {
  if (granted.includes(category)) return 'given';
  return previous?.answered && previous.categories.includes(category) ? 'withdrawn' : 'refused';
}

/**
 * A banner or settings answer: one ledger record per optional category (strictly necessary
 * cookies need no consent), 'withdrawn' where an earlier consent is taken back.
 */
export async function saveCookieChoice(
  ctx: RequestContext,
  input: { who: ChoiceWho; previous: StoredChoice | null; granted: readonly OptionalCategory[]; notice: CookieNotice; expiresAt: Date },
): Promise<void> {
  for (const category of optionalCategories) {
    await recordConsent(ctx, {
      subjectId: input.who.subjectId,
      browserId: input.who.browserId,
      purpose: categoryPurpose(category),
      status: statusOf(category, input.granted, input.previous),
      method: 'banner',
      noticeVersion: input.notice.version,
      noticeTextHash: input.notice.textHash,
      expiresAt: input.expiresAt,
      userAgentFamily: input.who.userAgentFamily,
    });
  }
}

/** A Global Privacy Control signal: marketing refused (or withdrawn), without asking. */
export async function recordGpcRefusal(
  ctx: RequestContext,
  input: { who: ChoiceWho; previous: StoredChoice | null; notice: CookieNotice; expiresAt: Date },
): Promise<void> {
  await recordConsent(ctx, {
    subjectId: input.who.subjectId,
    browserId: input.who.browserId,
    purpose: categoryPurpose('marketing'),
    status: statusOf('marketing', [], input.previous),
    method: 'gpc',
    noticeVersion: input.notice.version,
    noticeTextHash: input.notice.textHash,
    expiresAt: input.expiresAt,
    userAgentFamily: input.who.userAgentFamily,
  });
}
