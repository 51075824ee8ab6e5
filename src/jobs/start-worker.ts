import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.types.js';
import { backoffDelayMs, defaultBackoff, describeError, type BackoffPolicy } from './backoff.js';
import { claimDueJobs, finishJob, renewLease, scheduleRetry, type JobRow } from './jobs.store.js';
import { startPollLoop } from './poll-loop.js';
import { scheduleRecurring, type RecurringSchedule } from './recurring.js';

export interface JobContext {
  readonly id: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** 1 for the first run. */
  readonly attempt: number;
  /** The worker's clock at claim time (injected in tests). */
  readonly now: Date;
}

/**
 * Does one job's work. Handlers MUST be idempotent: a job runs at least once, and may run again
 * after a crash, a lost lease or a failure after partial work. Make each step a no-op when its
 * result already exists (check state, use unique keys, write in one transaction). Throw to retry.
 */
export type JobHandler = (job: JobContext) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface WorkerDeps {
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  readonly now: () => Date;
}

export interface WorkerOptions {
  /** Shows in jobs.locked_by; unique per process by default. */
  readonly workerId?: string;
  /** Sleep between polls when there is nothing to do. */
  readonly pollIntervalMs?: number;
  /** How long a claimed job stays reserved; renewed while its handler runs. */
  readonly leaseMs?: number;
  /** Jobs claimed (and run side by side) per pass. */
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
  readonly recurring?: readonly RecurringSchedule[];
  readonly random?: () => number;
}

export interface JobRunner {
  /** One pass: schedule recurring periods, claim due jobs, run them; returns how many ran. */
  runOnce(): Promise<number>;
}

export function createJobRunner(deps: WorkerDeps, handlers: JobHandlers, options: WorkerOptions = {}): JobRunner {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 5;
  const backoff = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const scheduled = new Map<string, number>();

  async function run(job: JobRow, claimedAt: Date): Promise<void> {
    const log = deps.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    if (job.attempts > job.max_attempts) {
      // Its last attempt never reported back: the worker died holding it.
      await finishJob(deps.db, job.id, workerId, { status: 'failed', at: deps.now(), error: 'LeaseExpired: the worker stopped during the last attempt' });
      log.warn('job failed: lease expired on its last attempt');
      return;
    }
    const heartbeat = setInterval(() => {
      renewLease(deps.db, job.id, workerId, new Date(deps.now().getTime() + leaseMs)).catch((error) => log.warn({ err: error }, 'lease renewal failed'));
    }, Math.max(leaseMs / 3, 1000));
    heartbeat.unref();
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler({ id: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts, now: claimedAt });
      clearInterval(heartbeat);
      await finishJob(deps.db, job.id, workerId, { status: 'done', at: deps.now(), error: null });
    } catch (error) {
      clearInterval(heartbeat);
      const message = describeError(error);
      if (job.attempts >= job.max_attempts) {
        await finishJob(deps.db, job.id, workerId, { status: 'failed', at: deps.now(), error: message });
        log.error({ error: message }, 'job failed after its last attempt');
      } else {
        const runAt = new Date(deps.now().getTime() + backoffDelayMs(job.attempts, backoff, random));
        await scheduleRetry(deps.db, job.id, workerId, runAt, message);
        log.warn({ error: message, retryAt: runAt.toISOString() }, 'job attempt failed; retry scheduled');
      }
    }
  }

  return {
    async runOnce() {
      const now = deps.now();
      if (options.recurring?.length) await scheduleRecurring(deps.db, options.recurring, now, scheduled);
      const jobs = await claimDueJobs(deps.db, workerId, now, new Date(now.getTime() + leaseMs), batchSize);
      const results = await Promise.allSettled(jobs.map((job) => run(job, now)));
      for (const result of results) {
        // Only bookkeeping writes can land here (database gone); the lease makes the job come back.
        if (result.status === 'rejected') deps.logger.error({ err: result.reason }, 'job bookkeeping failed');
      }
      return jobs.length;
    },
  };
}

/**
 * Runs jobs until stopped. Several processes on one PostgreSQL share the queue (SKIP LOCKED);
 * stop() waits for the handlers that are running.
 */
export function startWorker(deps: WorkerDeps, handlers: JobHandlers, options: WorkerOptions = {}): { stop(): Promise<void> } {
  const runner = createJobRunner(deps, handlers, options);
  return startPollLoop('jobs', () => runner.runOnce(), options.pollIntervalMs ?? 1000, deps.logger);
}
