import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { insertJob } from './jobs.store.js';

/** Ids, counts and flags only: the data map declares jobs.payload free of personal data. */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

export interface EnqueueJobInput {
  readonly kind: string;
  readonly payload: JobPayload;
  readonly runAt?: Date;
  /** A second job with the same key is not created (e.g. one per recurring period). */
  readonly dedupeKey?: string;
  readonly maxAttempts?: number;
}

export class JobPayloadRejectedError extends Error {
  override readonly name = 'JobPayloadRejectedError';
}

const maxValueLength = 200;
// Anything shaped like an address, anywhere in the value: personal data must not be queued in clear.
const looksLikeEmail = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/**
 * Queues background work, normally in the caller's transaction so the job exists exactly when the
 * change that needs it commits. Returns the job id, or null when the dedupe key was already used.
 */
export async function enqueueJob(trx: Kysely<Database>, input: EnqueueJobInput): Promise<string | null> {
  assertIdsOnly(input.payload);
  if (input.maxAttempts !== undefined && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1)) {
    throw new RangeError('maxAttempts must be a positive integer');
  }
  return insertJob(trx, { kind: input.kind, payload: input.payload, runAt: input.runAt, dedupeKey: input.dedupeKey ?? null, maxAttempts: input.maxAttempts });
}

/** Rejects payload values that could be personal data; the message names the key, never the value. */
export function assertIdsOnly(payload: JobPayload): void {
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || typeof value === 'boolean' || typeof value === 'number') continue;
    if (typeof value !== 'string') throw new JobPayloadRejectedError(`Job payload field "${key}" must be a string, number, boolean or null`);
    if (value.length > maxValueLength) throw new JobPayloadRejectedError(`Job payload field "${key}" is longer than ${maxValueLength} characters; jobs carry ids only`);
    if (looksLikeEmail.test(value)) throw new JobPayloadRejectedError(`Job payload field "${key}" looks like an email address; jobs carry ids only`);
  }
}
