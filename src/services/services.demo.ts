import { payWithTestCard } from '../billing/pay-with-test-card.js';
import { systemContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { checkLicence } from './check-licence.js';
import { orderService } from './order-service.js';
import { fulfilServiceOrder } from './provision-service.js';

const demoContext = () => ({ ...systemContext('dpv:ServiceProvision'), requestId: 'demo-seed' });
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length) % items.length]!;

const hostingPlans = ['hosting-starter', 'hosting-business', 'hosting-pro'] as const;
const serverPlans = ['vps-s', 'vps-m', 'dedicated-ds1'] as const;
const licencePlans = ['panel-admin', 'panel-pro'] as const;
const names = ['bakery', 'atelier', 'garden-club', 'photo-studio', 'bike-repair', 'book-corner', 'yoga-room', 'law-office'] as const;
const domains = ['example', 'example.com', 'example.net', 'example.org'] as const;

/**
 * Demo services for one customer, through the same use cases as real use: a hosting package paid
 * and handed to the panel (the worker finishes setting it up), a control-panel licence paid and
 * issued, with a few checks by the licensed software (one from a server it is not bound to), and a
 * server order still waiting for payment.
 */
export async function seedServicesDemo(deps: AppDeps, customer: { accountId: string; subjectId: string }, random: () => number): Promise<void> {
  const site = `${pick(names, random)}.${pick(domains, random)}`;
  const hosting = await orderService(deps, demoContext(), customer, { planCode: pick(hostingPlans, random), hostname: site });
  const licenceIp = `203.0.113.${10 + Math.floor(random() * 200)}`;
  const licence = await orderService(deps, demoContext(), customer, { planCode: pick(licencePlans, random), serverIp: licenceIp });
  await orderService(deps, demoContext(), customer, { planCode: pick(serverPlans, random), hostname: `srv${1 + Math.floor(random() * 9)}.${site}` });

  for (const ordered of [hosting, licence]) {
    if (!(await payWithTestCard(deps, demoContext(), customer.accountId, ordered.invoiceId))) return;
    // What the fulfil job queued by the payment does; when the worker runs it later, it finds the work done.
    await fulfilServiceOrder(deps, { id: `demo-${ordered.serviceId}`, payload: { itemId: ordered.serviceId, invoiceId: ordered.invoiceId }, now: deps.now() });
  }

  const row = await deps.db.selectFrom('licences').select('public_id').where('service_id', '=', licence.serviceId).executeTakeFirst();
  if (!row) return;
  const anonymous = { ...demoContext(), actor: { type: 'anonymous' as const, id: null } };
  const version = `3.${Math.floor(random() * 8)}.${Math.floor(random() * 20)}`;
  for (const [serverIp, callerIp] of [[licenceIp, licenceIp], [licenceIp, licenceIp], ['198.51.100.77', '198.51.100.77']] as const) {
    await checkLicence(deps, anonymous, { licenceId: row.public_id, serverIp, version, callerIp });
  }
}
