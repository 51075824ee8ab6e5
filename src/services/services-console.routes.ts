import { z } from 'zod';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { listServicesForStaff, readServiceForStaff } from './read-services.js';
import { serviceLabel } from './service-format.js';
import { consoleServiceMain, consoleServicesMain } from './services-console.pages.js';
import { serviceStatuses, suspensionReasons } from './services.tables.js';
import { suspendService, unsuspendService } from './suspend-service.js';

const read = { kind: 'staff', permission: 'services.read' } as const;
const manage = { kind: 'staff', permission: 'services.manage' } as const;
const tags = ['services', 'console'];
const idParams = z.object({ id: z.uuid() });

/** The console's services: every customer's services for roles that need them; suspend and unsuspend with services.manage. */
export function registerServicesConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/console/services', kind: 'page', auth: read, tags,
    summary: 'Services of all customers, newest first, optionally of one status.',
    query: z.object({ status: z.union([z.literal(''), z.enum(serviceStatuses)]).optional(), page: z.coerce.number().int().min(1).max(10_000).optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const status = query.status || undefined;
      const page = query.page ?? 1;
      const { services, hasMore } = await listServicesForStaff(deps, { status, page });
      return sendConsolePage(kit, request, reply, { title: t(request)('services.title'), main: () => consoleServicesMain(request, { services, status, page, hasMore }) });
    },
  });

  kit.route({
    method: 'GET', url: '/console/services/:id', kind: 'page', auth: read, tags, params: idParams,
    query: z.object({ done: z.enum(['suspended', 'unsuspended']).optional() }),
    summary: 'One service: state, addresses, licence and its recent checks (never the licence key); suspend or unsuspend forms for services.manage.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such service' } },
    handler: async ({ request, reply, params, query, staff }) => {
      const detail = await readServiceForStaff(deps, params.id);
      const tr = t(request);
      return sendConsolePage(kit, request, reply, {
        title: serviceLabel(detail.service),
        main: (csrf) => consoleServiceMain(request, csrf, detail, {
          currency: deps.config.billing.currency, checksPeriod: deps.config.retention.licenceChecks, canManage: roleHas(staff!.role, 'services.manage'),
          done: query.done ? tr(`services.done.${query.done}`) : undefined,
        }),
      });
    },
  });

  kit.route({
    method: 'POST', url: '/console/services/:id/suspend', kind: 'page', auth: manage, tags, params: idParams,
    body: z.object({ reason: z.enum(suspensionReasons) }),
    summary: 'Suspends an active service for a stated reason; the customer gets an inbox message and an email.',
    responses: { 303: { description: 'Back to the service' }, 404: { description: 'No such service' }, 409: { description: 'The service is not active' } },
    handler: async ({ request, reply, params, body }) => {
      await suspendService(deps, contextOf(request, 'dpv:ServiceProvision'), params.id, body.reason);
      return reply.redirect(`/console/services/${params.id}?done=suspended`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/console/services/:id/unsuspend', kind: 'page', auth: manage, tags, params: idParams,
    summary: 'Lifts the suspension of a service; the customer is told.',
    responses: { 303: { description: 'Back to the service' }, 404: { description: 'No such service' }, 409: { description: 'The service is not suspended' } },
    handler: async ({ request, reply, params }) => {
      await unsuspendService(deps, contextOf(request, 'dpv:ServiceProvision'), params.id);
      return reply.redirect(`/console/services/${params.id}?done=unsuspended`, 303);
    },
  });
}
