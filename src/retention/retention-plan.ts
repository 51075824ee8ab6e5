import type { Config } from '../config/load-config.js';
import type { Period, TableDeclaration } from '../datamap/datamap.types.js';
import { subtractDuration } from './subtract-duration.js';

/** One table's deletion: rows whose `column` lies before `cutoff`. */
export interface RetentionStep {
  readonly table: string;
  readonly column: string;
  /** The ISO-8601 period the cutoff was derived from. */
  readonly period: string;
  readonly cutoff: Date;
}

/**
 * Tables whose rule the generic sweep must not apply. The audit trail is hash-chained: deleting
 * old rows by date would break verification unless the chain is pruned from its start with a signed
 * checkpoint of the removed head. That pruning is its own task and is not implemented yet, so audit
 * events are currently kept beyond their declared period; the sweep reports them as skipped.
 */
export const prunedSeparately: ReadonlySet<string> = new Set(['audit_events']);

export function resolvePeriod(period: Period, retention: Config['retention']): string {
  return 'config' in period ? retention[period.config] : period.iso;
}

/** The deletions the data map asks for at `now`, derived from every {kind: 'after'} declaration. */
export function planRetention(declarations: readonly TableDeclaration[], retention: Config['retention'], now: Date): { steps: RetentionStep[]; skipped: string[] } {
  const steps: RetentionStep[] = [];
  const skipped: string[] = [];
  for (const declaration of declarations) {
    const rule = declaration.retention;
    if (rule.kind !== 'after') continue;
    if (prunedSeparately.has(declaration.table)) {
      skipped.push(declaration.table);
      continue;
    }
    if (!(rule.column in declaration.columns)) {
      throw new Error(`Data map: ${declaration.table} retention names undeclared column ${rule.column}`);
    }
    const period = resolvePeriod(rule.period, retention);
    steps.push({ table: declaration.table, column: rule.column, period, cutoff: subtractDuration(now, period) });
  }
  return { steps, skipped };
}
