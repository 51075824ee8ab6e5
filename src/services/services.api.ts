import { z } from 'zod';
import { accountInScope } from '../http/principal.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { cancelService } from './cancel-service.js';
import { orderService } from './order-service.js';
import { listPlans, listServices, readService, type LicenceView, type ServiceView } from './read-services.js';
import { orderBody, serviceOrderLimit } from './services.routes.js';
import { licenceCheckResults, planKinds, serviceStatuses, suspensionReasons } from './services.tables.js';

const auth = { kind: 'account', area: 'services' } as const;
const tags = ['services'];
const idParams = z.object({ id: z.uuid() });
const iso = z.iso.datetime();

const planSchema = z.object({
  code: z.string(), kind: z.enum(planKinds), name: z.string(), monthlyPriceCents: z.number().int(),
  cpuCores: z.number().int().nullable(), memoryGb: z.number().int().nullable(), storageGb: z.number().int().nullable(), websites: z.number().int().nullable(), hostedAccounts: z.number().int().nullable(),
});
export const serviceSchema = z.object({
  id: z.uuid(), plan: z.object({ code: z.string(), kind: z.enum(planKinds), name: z.string(), monthlyPriceCents: z.number().int() }),
  status: z.enum(serviceStatuses), hostname: z.string().nullable(), serverIp: z.string().nullable(), serverIpv6: z.string().nullable(), invoiceId: z.uuid().nullable(),
  failureReason: z.string().nullable(), suspensionReason: z.enum(suspensionReasons).nullable(),
  orderedAt: iso, activatedAt: iso.nullable(), periodEndsAt: iso.nullable(), suspendedAt: iso.nullable(), cancelAt: iso.nullable(), cancelledAt: iso.nullable(),
});
const licenceSchema = z.object({
  licenceId: z.string(), boundIp: z.string(), issuedAt: iso, key: z.string(),
  recentChecks: z.array(z.object({ checkedAt: iso, callerNetwork: z.string().nullable(), serverIpMatched: z.boolean(), version: z.string(), result: z.enum(licenceCheckResults) })),
});

const when = (date: Date | null) => date?.toISOString() ?? null;

export function serviceJson(s: ServiceView) {
  return {
    id: s.id, plan: s.plan, status: s.status, hostname: s.hostname, serverIp: s.serverIp, serverIpv6: s.serverIpv6, invoiceId: s.invoiceId,
    failureReason: s.failureReason, suspensionReason: s.suspensionReason,
    orderedAt: s.orderedAt.toISOString(), activatedAt: when(s.activatedAt), periodEndsAt: when(s.periodEndsAt), suspendedAt: when(s.suspendedAt), cancelAt: when(s.cancelAt), cancelledAt: when(s.cancelledAt),
  };
}

function licenceJson(l: LicenceView) {
  return {
    licenceId: l.licenceId, boundIp: l.boundIp, issuedAt: l.issuedAt.toISOString(), key: l.key ?? '',
    recentChecks: l.recentChecks.map((c) => ({ checkedAt: c.checkedAt.toISOString(), callerNetwork: c.callerNetwork, serverIpMatched: c.serverIpMatched, version: c.version, result: c.result })),
  };
}

/** The services JSON API: the public catalogue, and the account's services (area 'services'). */
export function registerServicesApiRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/services/plans', kind: 'api', auth: { kind: 'public' }, tags,
    summary: 'The catalogue of plans that can be ordered, with net monthly prices in cents.',
    responses: { 200: { description: 'Plans', schema: z.object({ currency: z.string(), plans: z.array(planSchema) }) } },
    handler: async () => ({ currency: deps.config.billing.currency, plans: await listPlans(deps) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/services', kind: 'api', auth, tags,
    summary: 'The services of the account, newest order first.',
    responses: { 200: { description: 'Services', schema: z.object({ services: z.array(serviceSchema) }) } },
    handler: async ({ account }) => ({ services: (await listServices(deps, accountInScope(account!))).map(serviceJson) }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/services', kind: 'api', auth, tags, rateLimit: serviceOrderLimit,
    summary: 'Orders a plan: `hostname` for hosting, servers and certificates, `serverIp` for a licence. The service starts as ordered and its invoice is issued at once.',
    body: orderBody,
    responses: { 201: { description: 'Ordered', schema: z.object({ service: serviceSchema, invoice: z.object({ id: z.uuid(), number: z.string() }) }) }, 400: { description: 'Unknown plan or missing hostname / server IP' } },
    handler: async ({ request, reply, body, account }) => {
      const scope = accountInScope(account!);
      const ordered = await orderService(deps, contextOf(request, 'dpv:ServiceProvision'), scope, { planCode: body.plan, hostname: body.hostname, serverIp: body.serverIp });
      const detail = await readService(deps, scope, ordered.serviceId);
      return reply.status(201).send({ service: serviceJson(detail.service), invoice: { id: ordered.invoiceId, number: ordered.invoiceNumber } });
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/services/:id', kind: 'api', auth, tags, params: idParams,
    summary: 'One service of the account, with its licence (key included) and the licence\'s recent checks.',
    responses: { 200: { description: 'The service', schema: z.object({ service: serviceSchema, licence: licenceSchema.nullable() }) }, 404: { description: 'No such service in this account' } },
    handler: async ({ reply, params, account }) => {
      const detail = await readService(deps, accountInScope(account!), params.id);
      return reply.header('cache-control', 'no-store').send({ service: serviceJson(detail.service), licence: detail.licence ? licenceJson(detail.licence) : null });
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/services/:id/cancel', kind: 'api', auth, tags, params: idParams,
    summary: 'Cancels a service: at once if nothing is set up yet (`effective: now`), else at the end of the paid term (`effective: end_of_term`, `at`).',
    responses: { 200: { description: 'Cancelled or scheduled', schema: z.object({ effective: z.enum(['now', 'end_of_term']), at: iso.nullable() }) }, 404: { description: 'No such service in this account' }, 409: { description: 'Being set up, or already cancelled' } },
    handler: async ({ request, params, account }) => {
      const outcome = await cancelService(deps, contextOf(request, 'dpv:ServiceProvision'), accountInScope(account!), params.id);
      return { effective: outcome.effective, at: outcome.effective === 'end_of_term' ? outcome.at.toISOString() : null };
    },
  });
}
