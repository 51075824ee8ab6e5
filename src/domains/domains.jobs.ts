import { fulfilJobKind } from '../billing/fulfil-jobs.js';
import type { JobHandlers } from '../jobs/start-worker.js';
import type { BackgroundDeps } from '../jobs/start-background-work.js';
import { expireUnpaidOrder, unpaidOrderExpiryKind } from './cancel-domain-order.js';
import { pushContact } from './change-tech-contact.js';
import { contactRoles, type ContactRole } from './domains.tables.js';
import { domainJobKinds, expireDomain, fulfilDomainOrder, pollDomainOrder, submitDomainOrder } from './fulfil-domain-order.js';

function idOf(payload: Readonly<Record<string, unknown>>, key: string): string {
  const value = payload[key];
  if (typeof value !== 'string' || value === '') throw new Error(`Job payload lacks ${key}`);
  return value;
}

/**
 * Background work of domains, by job kind. Handlers are idempotent (a job may run twice): each
 * looks at the order's or domain's state first and does nothing when its step is already done.
 */
export function domainsJobHandlers(deps: BackgroundDeps): JobHandlers {
  return {
    // Billing queues this when an invoice with a domain line is paid.
    [fulfilJobKind('domain')]: async (job) => fulfilDomainOrder(deps, { itemId: idOf(job.payload, 'itemId'), invoiceId: idOf(job.payload, 'invoiceId') }),
    [domainJobKinds.submit]: async (job) => submitDomainOrder(deps, idOf(job.payload, 'orderId')),
    [domainJobKinds.poll]: async (job) => pollDomainOrder(deps, idOf(job.payload, 'orderId')),
    [unpaidOrderExpiryKind]: async (job) => expireUnpaidOrder(deps, idOf(job.payload, 'orderId')),
    [domainJobKinds.expiry]: async (job) => expireDomain(deps, idOf(job.payload, 'domainId')),
    [domainJobKinds.pushContact]: async (job) => {
      const role = idOf(job.payload, 'role');
      if (!(contactRoles as readonly string[]).includes(role)) throw new Error(`Unknown contact role ${role}`);
      await pushContact(deps, idOf(job.payload, 'domainId'), role as ContactRole);
    },
  };
}
