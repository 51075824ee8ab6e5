import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { ConsentNotice } from './consent-notice.js';
import { selectSubjectExists } from './consent.store.js';
import { recordConsent } from './record-consent.js';
import type { ChoiceDeps } from './save-marketing-choices.js';
import { verifyUnsubscribeToken, type UnsubscribeTarget } from './unsubscribe-token.js';

/** The target of a genuine unsubscribe link of a person who exists; NOT_FOUND otherwise. */
export async function openUnsubscribeLink(deps: Pick<ChoiceDeps, 'keys'>, db: Kysely<Database> | Transaction<Database>, token: string): Promise<UnsubscribeTarget> {
  const target = verifyUnsubscribeToken(deps.keys.tokens, token);
  if (!target) throw new AppError('NOT_FOUND', 'This unsubscribe link is not valid.');
  if (!(await selectSubjectExists(db, target.subjectId))) throw new AppError('NOT_FOUND', 'This unsubscribe link is not valid.');
  return target;
}

/**
 * One-click unsubscribe (RFC 8058): records the withdrawal at once, whatever the current state,
 * so the proof shows the person asked; sending stops because the latest record now says withdrawn.
 */
export async function unsubscribeByLink(deps: ChoiceDeps, ctx: RequestContext, token: string, notice: ConsentNotice, userAgentFamily: string | null): Promise<string> {
  const target = await openUnsubscribeLink(deps, ctx.trx, token);
  return recordConsent(ctx, {
    subjectId: target.subjectId,
    purpose: target.purpose,
    channel: target.channel,
    status: 'withdrawn',
    method: 'unsubscribe_link',
    noticeVersion: notice.version,
    noticeTextHash: notice.textHash,
    userAgentFamily,
    occurredAt: deps.now(),
  });
}
