import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { AuditRow } from './audit.store.js';

/** The newest entries, optionally before a sequence number and for one subject. */
export async function newestAuditRows(db: Kysely<Database>, filter: { beforeSeq?: number; subjectId?: string }, limit: number): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(limit);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  return query.execute();
}
