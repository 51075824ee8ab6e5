import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage, stringField, submitForm } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { accountInScope } from '../http/principal.js';
import type { RateLimitSpec } from '../http/route.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { cancelService } from './cancel-service.js';
import { orderService } from './order-service.js';
import { listPlans, listServices, readService } from './read-services.js';
import { renderServicePage, renderServicesPage, type ServicesPageState } from './services.pages.js';

const auth = { kind: 'account', area: 'services' } as const;
const tags = ['services', 'pages'];
const idParams = z.object({ id: z.uuid() });
const doneNotices = ['ordered', 'cancelled', 'cancelScheduled'] as const;

/** Empty form fields mean "not given". */
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));
/** Per client address, shared by page and API: every order issues an invoice. */
export const serviceOrderLimit: RateLimitSpec = { scope: 'services.order', limit: 20, window: 'PT1H' };

export const orderBody = z.object({ plan: z.string().trim().min(1, 'Choose a plan').max(64), hostname: optionalText(253), serverIp: optionalText(64) });

const fieldMessages: Record<string, MessageKey> = { plan: 'services.invalid.plan', hostname: 'services.invalid.hostname', serverIp: 'services.invalid.serverIp' };

function localise(request: FastifyRequest, errors: readonly FieldError[]): FieldError[] {
  const tr = t(request);
  return errors.map((e) => ({ field: e.field, message: fieldMessages[e.field] ? tr(fieldMessages[e.field]!) : e.message }));
}

/** The customer's services pages: list with the order form, one service with its licence, cancel. */
export function registerServicesPageRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, state: Pick<ServicesPageState, 'errors' | 'submitted'> = {}) => {
    const scope = accountInScope(request.account!);
    const [services, plans] = await Promise.all([listServices(deps, scope), listPlans(deps)]);
    return sendPage(reply, renderServicesPage(request, csrfToken(kit, request, reply), { services, plans, currency: deps.config.billing.currency, ...state }));
  };

  kit.route({
    method: 'GET', url: '/account/services', kind: 'page', auth, tags,
    summary: 'Your services, and the catalogue of plans to order from.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => listPage(request, reply),
  });

  kit.route({
    method: 'POST', url: '/account/services', kind: 'page', auth, tags, rateLimit: serviceOrderLimit,
    summary: 'Orders a plan: the service is created as ordered and its invoice issued together.',
    body: orderBody,
    responses: { 303: { description: 'To the new service' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      listPage(request, reply, { errors: localise(request, errors), submitted: { plan: stringField(submitted, 'plan'), hostname: stringField(submitted, 'hostname'), serverIp: stringField(submitted, 'serverIp') } }),
    handler: async ({ request, reply, body, account }) =>
      submitForm(reply, async () => {
        const ordered = await orderService(deps, contextOf(request, 'dpv:ServiceProvision'), accountInScope(account!), { planCode: body.plan, hostname: body.hostname, serverIp: body.serverIp });
        return reply.redirect(`/account/services/${ordered.serviceId}?done=ordered`, 303);
      }, async (errors) => listPage(request, reply, { errors: localise(request, errors), submitted: body })),
  });

  kit.route({
    method: 'GET', url: '/account/services/:id', kind: 'page', auth, tags, params: idParams,
    query: z.object({ done: z.enum(doneNotices).optional() }),
    summary: 'One of your services: its state, addresses, invoice, licence with recent checks, and cancelling. Another account\'s is not found.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such service in this account' } },
    handler: async ({ request, reply, params, query, account }) => {
      const detail = await readService(deps, accountInScope(account!), params.id);
      const tr = t(request);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, renderServicePage(request, csrfToken(kit, request, reply), detail, {
        currency: deps.config.billing.currency, checksPeriod: deps.config.retention.licenceChecks, done: query.done ? tr(`services.done.${query.done}`) : undefined,
      }));
    },
  });

  kit.route({
    method: 'POST', url: '/account/services/:id/cancel', kind: 'page', auth, tags, params: idParams,
    summary: 'Cancels a service: at once if nothing is set up yet, else at the end of the paid term.',
    responses: { 303: { description: 'Back to the service' }, 404: { description: 'No such service in this account' }, 409: { description: 'Being set up, or already cancelled' } },
    handler: async ({ request, reply, params, account }) => {
      const outcome = await cancelService(deps, contextOf(request, 'dpv:ServiceProvision'), accountInScope(account!), params.id);
      return reply.redirect(`/account/services/${params.id}?done=${outcome.effective === 'now' ? 'cancelled' : 'cancelScheduled'}`, 303);
    },
  });
}
