import type { JobHandlers } from '../jobs/start-worker.js';
import type { BackgroundDeps } from '../jobs/start-background-work.js';

/** Background work of billing, by job kind. Handlers must be idempotent (a job may run twice). */
export function billingJobHandlers(deps: BackgroundDeps): JobHandlers {
  void deps;
  return {};
}
