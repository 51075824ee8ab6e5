import { setImmediate as nextTurn } from 'node:timers/promises';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { writeSetting } from '../settings/settings.store.js';
import { planApplicant } from './applicant-plan.js';
import { buildApplicantChunk, buildCustomerChunk } from './build-chunk-rows.js';
import { chunkTables, type BuildContext, type ChunkRows } from './chunk-rows.js';
import { planCustomer } from './customer-plan.js';
import type { PlanContext } from './plan-context.js';
import type { ScaleDeps } from './scale-context.js';
import { countPeople, insertChunkRows } from './scale-data.store.js';
import { scaleDataSetting, type ScaleMarker } from './scale-marker.js';

export const scaleContext = () => ({ ...systemContext('dpv:ServiceProvision'), requestId: 'scale-data' });

export type ProgressListener = (progress: { readonly subjectsDone: number; readonly subjects: number; readonly chunksDone: number; readonly chunks: number }) => void;

interface Chunk {
  readonly number: number;
  readonly kind: 'customers' | 'applicants';
  readonly first: number;
  readonly count: number;
}

function chunksOf(state: ScaleMarker): Chunk[] {
  const span = (kind: Chunk['kind'], total: number, offset: number) =>
    Array.from({ length: Math.ceil(total / state.chunkSize) }, (_, k) => ({ number: offset + k, kind, first: k * state.chunkSize, count: Math.min(state.chunkSize, total - k * state.chunkSize) }));
  const customers = span('customers', state.customers, 0);
  return [...customers, ...span('applicants', state.applicants, customers.length)];
}

/**
 * Writes the chunks not yet done, in order, each in one transaction that also moves the marker on
 * and records one audit event. While one chunk is written, the next is built: on PostgreSQL the
 * server inserts while this process encrypts.
 */
export async function writeChunks(deps: ScaleDeps, ctx: PlanContext, build: BuildContext, start: ScaleMarker, onProgress?: ProgressListener): Promise<ScaleMarker> {
  let state = start;
  let subjectsDone = await countPeople(deps.db);
  const pending = chunksOf(state).filter((chunk) => chunk.number >= state.chunksDone);
  // Chunks written earlier still take their invoice numbers, so later ones number on from them.
  for (const chunk of chunksOf(state).filter((c) => c.number < state.chunksDone && c.kind === 'customers')) {
    for (let i = chunk.first; i < chunk.first + chunk.count; i += 1) build.numbering.assign(planCustomer(ctx, i).book.documents());
  }
  // Built ahead while the previous chunk is written; a failure surfaces where the rows are awaited.
  const ahead = (chunk: Chunk | undefined) => {
    const rows = chunk ? buildChunk(ctx, build, chunk) : null;
    rows?.catch(() => undefined);
    return rows;
  };
  let prepared = ahead(pending[0]);
  for (const [position, chunk] of pending.entries()) {
    const rows = await prepared!;
    const next: ScaleMarker = { ...state, chunksDone: chunk.number + 1, finishedAt: chunk.number + 1 === state.chunks ? new Date().toISOString() : null };
    const writing = inTransaction(deps.db, scaleContext(), async (tx) => {
      await insertChunkRows(tx.trx, rows);
      await writeSetting(tx.trx, scaleDataSetting, next);
      await recordAuditEvent(tx, { action: 'scale_data.chunk_generated', subjectId: null, details: { chunk: chunk.number, kind: chunk.kind, first: chunk.first, count: chunk.count, rows: rowCount(rows) } });
    });
    prepared = ahead(pending[position + 1]);
    await writing;
    state = next;
    subjectsDone += rows.subjects.length;
    onProgress?.({ subjectsDone, subjects: state.subjects, chunksDone: state.chunksDone, chunks: state.chunks });
  }
  return state;
}

async function buildChunk(ctx: PlanContext, build: BuildContext, chunk: Chunk): Promise<ChunkRows> {
  const pause = () => nextTurn();
  const indexes = Array.from({ length: chunk.count }, (_, k) => chunk.first + k);
  await pause();
  if (chunk.kind === 'applicants') return buildApplicantChunk(build, indexes.map((i) => planApplicant(ctx, i)), pause);
  return buildCustomerChunk(build, indexes.map((i) => planCustomer(ctx, i)), pause);
}

function rowCount(rows: ChunkRows): number {
  return chunkTables.reduce((sum, table) => sum + rows[table].length, 0);
}

