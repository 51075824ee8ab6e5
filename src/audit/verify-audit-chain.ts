import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { auditRowsFrom } from './audit.store.js';
import { auditEntryHash, genesisHash } from './audit-hash.js';

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBadSeq: number; firstBadId: string; problem: 'altered' | 'rehashed' };

/**
 * Walks the whole chain in pages and names the first altered entry: one whose content no longer
 * matches its hash ('altered'), or one whose hash was recomputed after an edit, which shows as the
 * next entry's link no longer matching ('rehashed').
 */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 1000): Promise<ChainVerdict> {
  let previous = { hash: genesisHash, seq: 0, id: '' };
  let entries = 0;
  for (;;) {
    const rows = await auditRowsFrom(db, previous.seq, pageSize);
    if (rows.length === 0) return { ok: true, entries };
    for (const row of rows) {
      if (auditEntryHash(row) !== row.hash) return { ok: false, entries, firstBadSeq: row.seq, firstBadId: row.id, problem: 'altered' };
      if (row.prev_hash !== previous.hash) {
        return previous.seq === 0
          ? { ok: false, entries, firstBadSeq: row.seq, firstBadId: row.id, problem: 'altered' }
          : { ok: false, entries, firstBadSeq: previous.seq, firstBadId: previous.id, problem: 'rehashed' };
      }
      previous = { hash: row.hash, seq: row.seq, id: row.id };
      entries++;
    }
  }
}
