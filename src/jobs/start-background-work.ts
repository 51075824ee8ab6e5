import { webhookDeliveryHandler } from '../consent-decisions/deliver-webhook.js';
import { webhookDeliveryKind } from '../consent-decisions/notify-consent-changed.js';
import { createEmailTransport } from '../email/email-transport.js';
import { startEmailDelivery } from '../email/deliver-emails.js';
import type { AppDeps } from '../http/app-deps.js';
import { policyVersionJobHandlers } from '../policy-versions/notify-policy-change.js';
import { retentionSweepKind, sweepRetention } from '../retention/sweep-retention.js';
import { startWorker, type JobHandlers } from './start-worker.js';
import { billingJobHandlers } from '../billing/billing.jobs.js';
import { domainsJobHandlers } from '../domains/domains.jobs.js';
import { servicesJobHandlers } from '../services/services.jobs.js';

export type BackgroundDeps = Pick<AppDeps, 'config' | 'db' | 'keyring' | 'logger' | 'now' | 'adapters'> & {
  /** Needed to open webhook signing secrets; without it consent webhooks are not delivered by this process. */
  readonly keys?: AppDeps['keys'];
};

export interface BackgroundWorkOptions {
  /** Idle poll interval of the worker and the email sender; a busy queue is drained without waiting. */
  readonly pollIntervalMs?: number;
}

/** Every job kind this process can run, by kind; tests drain queues with the same handlers. */
export function backgroundJobHandlers(deps: BackgroundDeps): JobHandlers {
  return {
    [retentionSweepKind]: async () => {
      await sweepRetention(deps);
    },
    ...policyVersionJobHandlers(deps),
    ...(deps.keys ? { [webhookDeliveryKind]: webhookDeliveryHandler({ db: deps.db, keys: deps.keys }) } : {}),
    ...billingJobHandlers(deps),
    ...servicesJobHandlers(deps),
    ...domainsJobHandlers(deps),
  };
}

/**
 * Everything a `custodian start` process does besides serving HTTP: the job worker (retention
 * sweep every hour, scheduled once per period across all processes) and the email sender.
 * stop() lets running work finish, then closes the mail transport.
 */
export function startBackgroundWork(deps: BackgroundDeps, options: BackgroundWorkOptions = {}): { stop(): Promise<void> } {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const worker = startWorker(deps, backgroundJobHandlers(deps), { pollIntervalMs, recurring: [{ kind: retentionSweepKind, every: 'PT1H' }] });
  const transport = createEmailTransport(deps.config);
  const email = startEmailDelivery(deps, transport, { pollIntervalMs });
  deps.logger.info({ emailTransport: transport.name }, 'background work started');
  return {
    stop: async () => {
      await Promise.all([worker.stop(), email.stop()]);
      transport.close();
    },
  };
}
