import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Config } from '../config/load-config.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { dataMap } from '../datamap/datamap.registry.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import type { Database } from '../db/database.types.js';
import { deleteExpiredWindows } from '../rate-limit/rate-limit.store.js';
import { planRetention } from './retention-plan.js';
import { deleteFinishedJobsBefore, deleteRowsBefore } from './retention.store.js';
import { subtractDuration } from './subtract-duration.js';

export interface RetentionDeps {
  readonly db: Kysely<Database>;
  readonly config: Pick<Config, 'retention'>;
  readonly logger: Logger;
  readonly now: () => Date;
}

export const retentionSweepKind = 'retention.sweep';

/**
 * Deletes everything the data map says has outlived its period, plus the system tables' leftovers
 * (rate-limit windows, finished jobs), in one transaction with one 'retention.swept' audit event
 * listing deleted row counts per table. Safe to run again at any time: it is idempotent.
 */
export async function sweepRetention(deps: RetentionDeps, declarations: readonly TableDeclaration[] = dataMap): Promise<Record<string, number>> {
  const now = deps.now();
  const { steps, skipped } = planRetention(declarations, deps.config.retention, now);
  const counts = await inTransaction(deps.db, systemContext('dpv:LegalCompliance'), async (ctx) => {
    const deleted: Record<string, number> = {};
    for (const step of steps) deleted[step.table] = await deleteRowsBefore(ctx.trx, step.table, step.column, step.cutoff);
    // 'system' retention in the data map: housekeeping rows with no subject, periods from config.
    deleted['rate_limits'] = await deleteExpiredWindows(ctx.trx, subtractDuration(now, deps.config.retention.rateLimitWindows));
    deleted['jobs'] = await deleteFinishedJobsBefore(ctx.trx, subtractDuration(now, deps.config.retention.finishedJobs));
    await recordAuditEvent(ctx, { action: 'retention.swept', subjectId: null, details: { ...deleted, skipped } });
    return deleted;
  });
  deps.logger.info({ deleted: counts, skipped }, 'retention sweep done');
  return counts;
}
