import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findOpening, insertOpening, setOpeningStatus, startRetentionOfOpening } from './careers.store.js';
import type { OpeningStatus } from './careers.tables.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

export interface OpeningInput {
  readonly title: string;
  readonly description: string;
  readonly location: string;
}

export async function createOpening(deps: Deps, context: ContextWithoutTransaction, input: OpeningInput): Promise<string> {
  return inTransaction(deps.db, context, async (ctx) => {
    const id = await insertOpening(ctx.trx, { ...input, now: deps.now() });
    await recordAuditEvent(ctx, { action: 'careers.opening_created', subjectId: null, details: { openingId: id } });
    return id;
  });
}

/**
 * Closing a position takes it off the careers page and ends the recruitment for every application
 * to it that has no retention start yet, so none of them is kept longer than the configured period.
 */
export async function setOpeningStatusTo(deps: Deps, context: ContextWithoutTransaction, openingId: string, status: OpeningStatus): Promise<void> {
  await inTransaction(deps.db, context, async (ctx) => {
    const opening = await findOpening(ctx.trx, openingId);
    if (!opening) throw new AppError('NOT_FOUND', 'No such position');
    if (opening.status === status) return;
    const now = deps.now();
    await setOpeningStatus(ctx.trx, openingId, status, now);
    const applicationsClosed = status === 'closed' ? await startRetentionOfOpening(ctx.trx, openingId, now) : 0;
    await recordAuditEvent(ctx, { action: status === 'closed' ? 'careers.opening_closed' : 'careers.opening_reopened', subjectId: null, details: { openingId, applicationsClosed } });
  });
}
