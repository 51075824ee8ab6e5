import type { Transaction } from 'kysely';
import { systemContext, type RequestContext } from '../context/request-context.js';
import type { Database } from '../db/database.types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { insertConsentRecord, selectConsentRecordsOfSubject, selectUnlinkedConsentRecordsOfBrowser } from './consent.store.js';

/**
 * When a visitor signs in, the choices made from their browser become theirs. The ledger is
 * append-only, so nothing is changed: each browser record not linked yet gets a copy carrying the
 * subject id, method 'import', the original time and `evidence.linkedFrom` naming the original.
 * Because the copy keeps the original time, a newer choice of the subject still wins.
 * Takes the caller's transaction (audited as a system action) or a full request context.
 */
export async function linkBrowserToSubject(trxOrCtx: Transaction<Database> | RequestContext, browserId: string, subjectId: string): Promise<number> {
  const ctx: RequestContext = 'trx' in trxOrCtx ? trxOrCtx : { ...systemContext('dpv:LegalCompliance'), trx: trxOrCtx };
  const originals = await selectUnlinkedConsentRecordsOfBrowser(ctx.trx, browserId);
  if (originals.length === 0) return 0;
  const alreadyLinked = new Set((await selectConsentRecordsOfSubject(ctx.trx, subjectId)).map((r) => r.evidence['linkedFrom']).filter((v) => typeof v === 'string'));
  const copies: string[] = [];
  for (const original of [...originals].reverse()) {
    if (alreadyLinked.has(original.id)) continue;
    const { id, seq, subject_id, evidence, method, ...rest } = original;
    void seq; void subject_id;
    copies.push(await insertConsentRecord(ctx.trx, { ...rest, subject_id: subjectId, method: 'import', evidence: { ...evidence, linkedFrom: id, originalMethod: method } }));
  }
  if (copies.length > 0) await recordAuditEvent(ctx, { action: 'consent.browser_linked', subjectId, details: { consentRecordIds: copies } });
  return copies.length;
}
