import { seedBillingDemo } from '../billing/billing.demo.js';
import { seedCareersDemo } from '../careers/careers.demo.js';
import { seedCommunityDemo } from '../community/community.demo.js';
import { systemContext } from '../context/request-context.js';
import { suspendAccountForAbuse } from '../customer-records/suspend-account.js';
import { seedDomainsDemo } from '../domains/domains.demo.js';
import type { AppDeps } from '../http/app-deps.js';
import { seedProfileDemo } from '../profile/profile.demo.js';
import { seedServicesDemo } from '../services/services.demo.js';
import { seedSupportDemo } from '../support/support.demo.js';
import { seedTrustedUsersDemo } from '../trusted-users/trusted-users.demo.js';
import type { Random } from './seeded-random.js';

export interface DemoAccount {
  readonly accountId: string;
  readonly subjectId: string;
}

/** Shares of generated customers who have each kind of business; the named five have all of it. */
const shareWith = { services: 0.7, domains: 0.5, extraInvoices: 0.4, tickets: 0.3 } as const;

/**
 * One customer's business: profile and contacts, services, domains, invoices, tickets — each
 * through its capability's own use cases, so demo data obeys the same rules as real data.
 */
export async function seedCustomerBusiness(deps: AppDeps, customer: DemoAccount, random: Random, everything: boolean): Promise<void> {
  const has = (share: number) => everything || random() < share;
  await seedProfileDemo(deps, customer, random);
  if (has(shareWith.services)) await seedServicesDemo(deps, customer, random);
  if (has(shareWith.domains)) await seedDomainsDemo(deps, customer, random);
  if (has(shareWith.extraInvoices)) await seedBillingDemo(deps, customer, random);
  if (has(shareWith.tickets)) await seedSupportDemo(deps, customer, random);
}

/** What spans customers: a trusted user, community comments, job applicants, one abuse suspension. */
export async function seedSharedBusiness(deps: AppDeps, named: readonly DemoAccount[], generated: readonly DemoAccount[], random: Random): Promise<void> {
  const [owner, person] = named;
  if (owner && person) await seedTrustedUsersDemo(deps, owner, person, ['support', 'services']);
  await seedCommunityDemo(deps, [...named, ...generated].slice(0, 40), random);
  await seedCareersDemo(deps, random);
  const abuser = generated[generated.length - 1];
  if (abuser) {
    await suspendAccountForAbuse(deps, { ...systemContext('dpv:FraudPreventionAndDetection'), requestId: 'demo-seed' }, {
      accountId: abuser.accountId,
      category: 'phishing',
      note: 'A phishing page imitating a bank was found on your hosting and reported to us; the account is suspended while we investigate.',
    });
  }
}
