import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { ConsentNotice } from './consent-notice.js';
import { marketingPurposeIris, type MarketingPurposeIri } from './consent-purposes.js';
import { selectLatestConsentRecord } from './consent.store.js';
import { openConfirmationToken, type ConfirmationRequest } from './confirmation-token.js';
import { recordConsent } from './record-consent.js';
import type { ChoiceDeps } from './save-marketing-choices.js';

/**
 * The purposes a double opt-in link would still confirm: a genuine, unexpired link whose choices
 * were not decided since it was sent (confirmed already, or withdrawn meanwhile). Throws TOKEN_INVALID.
 */
export async function openEmailConfirmation(deps: ChoiceDeps, db: Kysely<Database> | Transaction<Database>, token: string): Promise<ConfirmationRequest> {
  const request = openConfirmationToken(deps.keys.tokens, token, deps.now());
  if (!request || !request.purposes.every((p) => marketingPurposeIris.includes(p as MarketingPurposeIri))) throw new AppError('TOKEN_INVALID');
  const open: string[] = [];
  for (const purpose of request.purposes) {
    const latest = await selectLatestConsentRecord(db, { subjectId: request.subjectId, purpose, channel: 'email' });
    if (!latest || latest.occurred_at.getTime() < request.issuedAt.getTime()) open.push(purpose);
  }
  if (open.length === 0) throw new AppError('TOKEN_INVALID');
  return { ...request, purposes: open };
}

/** Following the link records consent to each purpose by email (method double_opt_in). */
export async function confirmEmailChoices(deps: ChoiceDeps, ctx: RequestContext, token: string, notice: ConsentNotice, userAgentFamily: string | null): Promise<string[]> {
  const request = await openEmailConfirmation(deps, ctx.trx, token);
  const ids: string[] = [];
  for (const purpose of request.purposes) {
    ids.push(await recordConsent(ctx, {
      subjectId: request.subjectId,
      purpose,
      channel: 'email',
      status: 'given',
      method: 'double_opt_in',
      noticeVersion: notice.version,
      noticeTextHash: notice.textHash,
      userAgentFamily,
      occurredAt: deps.now(),
      evidence: { confirmationRequestedAt: request.issuedAt.toISOString() },
    }));
  }
  return ids;
}
