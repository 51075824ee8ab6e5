import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { taxRateBasisPoints } from '../billing/invoice-amounts.js';
import { currentConsentNotice } from '../consent/consent-notice.js';
import { inTransaction } from '../context/request-context.js';
import { readSetting, writeSetting } from '../settings/settings.store.js';
import { customerIds } from './build-account-rows.js';
import { generatedTables, type BuildContext } from './chunk-rows.js';
import { planCustomer, subjectsOf } from './customer-plan.js';
import { DocumentNumbering } from './document-numbering.js';
import { DAY, type PlanContext } from './plan-context.js';
import { announcementRows, contextDigest, openingRows, planContextFor, type ScaleDeps } from './scale-context.js';
import { countPeople, countRows, countSubjectsByKind, insertSetupRows, passwordHashOf, readCatalogue } from './scale-data.store.js';
import { scaleDataSetting, type ScaleMarker } from './scale-marker.js';
import { chunkSize, scaleRatios } from './scale-ratios.js';
import { scaleContext, writeChunks, type ProgressListener } from './write-chunks.js';

export interface GenerateOptions {
  readonly subjects: number;
  readonly seed: number;
  /** Midnight UTC of the day the data is as of; defaults to today, or to the day of an interrupted run. */
  readonly asOf?: Date;
  /** Subjects per transaction; tests use small chunks to exercise several. */
  readonly chunkSize?: number;
  readonly onProgress?: ProgressListener;
}

export type GenerateResult =
  | {
    readonly outcome: 'generated';
    readonly marker: ScaleMarker;
    readonly resumedAtChunk: number;
    /** The shared password, when this run chose it; a resumed run keeps the one printed when it started. */
    readonly password: string | null;
    /** The first customer's address, to sign in with. */
    readonly sampleEmail: string | null;
    readonly subjectsWritten: number;
    readonly subjectsByKind: Record<string, number>;
    readonly rows: Record<string, number>;
    readonly elapsedMs: number;
  }
  | { readonly outcome: 'already-generated'; readonly marker: ScaleMarker }
  | { readonly outcome: 'refused'; readonly reason: string };

export function midnightUtc(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY) * DAY);
}

/**
 * Fills an empty database with N generated subjects (customers with their contacts, and job
 * applicants), each with a realistic history (ratios in scale-ratios.ts). Decisions:
 * - Only into a database holding no customers, contacts or applicants: generated people must never
 *   mix with real ones. A database generated earlier with the same seed and size is reported as
 *   such; an interrupted run is resumed after its last whole chunk; anything else is refused.
 * - Rows are real: sealed with each subject's own key, email blind indexes, gap-free invoice
 *   numbers with a matching sequence table, statuses that follow from the dates.
 * - All accounts share one argon2id hash of one random password, returned once: hashing one per
 *   account would take days at a million accounts.
 * - Each chunk is one transaction with one audit event, so the hash chain stays valid without an
 *   entry per generated row.
 * - Deterministic: the same size, seed and date give the same plaintext and ids (ciphertexts differ:
 *   data keys and IVs are random).
 */
export async function generateScaleData(deps: ScaleDeps, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const marker = await readSetting<ScaleMarker>(deps.db, scaleDataSetting);
  const requestedAsOf = options.asOf ? midnightUtc(options.asOf) : null;
  if (marker) {
    if (marker.seed !== options.seed || marker.subjects !== options.subjects) {
      return { outcome: 'refused', reason: `This database already holds data generated with seed ${marker.seed} for ${marker.subjects} subjects; generate into an empty database.` };
    }
    if (requestedAsOf && requestedAsOf.toISOString().slice(0, 10) !== marker.asOf) {
      return { outcome: 'refused', reason: `This database already holds data generated as of ${marker.asOf}; generate into an empty database for another date.` };
    }
    if (marker.finishedAt) return { outcome: 'already-generated', marker };
  } else {
    const people = await countPeople(deps.db);
    if (people > 0) return { outcome: 'refused', reason: `This database already holds ${people} customers, contacts or applicants; generate only into a new, empty database.` };
  }
  const asOf = marker ? new Date(`${marker.asOf}T00:00:00Z`) : (requestedAsOf ?? midnightUtc(new Date()));
  const catalogue = await readCatalogue(deps.db);
  if (catalogue.plans.length === 0 || catalogue.tlds.length === 0) return { outcome: 'refused', reason: 'The plan or TLD catalogue is empty; generated customers need something to order.' };
  const ctx = planContextFor(deps, catalogue, { subjects: options.subjects, seed: options.seed, asOf });
  const digest = contextDigest(ctx, deps);
  if (marker && marker.context !== digest) return { outcome: 'refused', reason: 'The configuration or catalogues changed since this generation started, so it cannot be resumed; generate into an empty database.' };

  const { numbering, customers, people } = countDocuments(ctx);
  const applicants = options.subjects - people;
  const size = options.chunkSize ?? chunkSize;
  let state: ScaleMarker = marker ?? {
    seed: options.seed, subjects: options.subjects, asOf: asOf.toISOString().slice(0, 10), customers, applicants,
    chunkSize: size, chunks: Math.ceil(customers / size) + Math.ceil(applicants / size), chunksDone: 0,
    context: digest, startedAt: new Date().toISOString(), finishedAt: null,
  };
  const resumedAtChunk = state.chunksDone;
  const fresh = resumedAtChunk === 0 || customers === 0;
  const password = fresh ? `scale-${randomBytes(12).toString('base64url')}` : null;
  const passwordHash = password ? await hashPassword(password) : await passwordHashOf(deps.db, customerIds(options.seed, 0).accountId);
  if (!passwordHash) return { outcome: 'refused', reason: 'The interrupted generation left no first customer to take the shared password from; generate into an empty database.' };
  const build: BuildContext = {
    seed: options.seed, keyring: deps.keyring, passwordHash, numbering,
    currency: deps.config.billing.currency, taxRateBasisPoints: taxRateBasisPoints(deps.config.billing), processor: deps.adapters.payments.name,
    notice: await currentConsentNotice(deps.db, deps.config.retention, asOf),
    planIds: new Map(catalogue.plans.map((plan) => [plan.code, plan.id])), departments: new Set(catalogue.departments),
    announcementIds: announcementRows(ctx).map((row) => row.id), openingIds: openingRows(ctx).map((row) => row.id),
  };
  if (!marker) {
    await inTransaction(deps.db, scaleContext(), async (tx) => {
      await insertSetupRows(tx.trx, { openings: openingRows(ctx), announcements: announcementRows(ctx), sequences: numbering.lastNumbers() });
      await writeSetting(tx.trx, scaleDataSetting, state);
      await recordAuditEvent(tx, { action: 'scale_data.started', subjectId: null, details: { seed: options.seed, subjects: options.subjects, asOf: state.asOf, customers, applicants } });
    });
  }

  const before = await countPeople(deps.db);
  state = await writeChunks(deps, ctx, build, state, options.onProgress);
  if (!state.finishedAt) {
    // Nothing to generate at all (zero chunks): the marker still records the finished run.
    state = { ...state, finishedAt: new Date().toISOString() };
    await inTransaction(deps.db, scaleContext(), (tx) => writeSetting(tx.trx, scaleDataSetting, state));
  }
  return {
    outcome: 'generated', marker: state, resumedAtChunk, password,
    sampleEmail: customers > 0 ? planCustomer(ctx, 0).person.email : null,
    subjectsWritten: (await countPeople(deps.db)) - before,
    subjectsByKind: await countSubjectsByKind(deps.db),
    rows: await countRows(deps.db, generatedTables),
    elapsedMs: Date.now() - started,
  };
}

/**
 * First pass over the plans: how many customers fit the requested number of subjects (each brings
 * its contacts; 0.5 % of subjects are left for applicants), and each day's invoices and credit notes.
 */
function countDocuments(ctx: PlanContext): { numbering: DocumentNumbering; customers: number; people: number } {
  const numbering = new DocumentNumbering();
  const budget = ctx.subjects - Math.round(ctx.subjects * scaleRatios.applicantShare);
  let used = 0;
  let customers = 0;
  for (;;) {
    const plan = planCustomer(ctx, customers);
    const subjects = subjectsOf(plan);
    if (used + subjects > budget) break;
    used += subjects;
    numbering.count(plan.book.documents());
    customers += 1;
  }
  return { numbering, customers, people: used };
}
