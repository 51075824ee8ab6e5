import { fulfilJobKind } from '../billing/fulfil-jobs.js';
import type { JobHandlers } from '../jobs/start-worker.js';
import type { BackgroundDeps } from '../jobs/start-background-work.js';
import { terminateDueService, terminationKind } from './cancel-service.js';
import { fulfilServiceOrder, pollProvisioning, provisioningPollKind } from './provision-service.js';

/** Background work of services, by job kind. Handlers must be idempotent (a job may run twice). */
export function servicesJobHandlers(deps: BackgroundDeps): JobHandlers {
  return {
    [fulfilJobKind('service')]: (job) => fulfilServiceOrder(deps, job),
    [provisioningPollKind]: (job) => pollProvisioning(deps, job),
    [terminationKind]: (job) => terminateDueService(deps, job),
  };
}
