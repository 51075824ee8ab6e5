import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { readCustomerContact } from './customer-contact.js';
import { contactPage, customerListPage, customerPage, type CustomerListState } from './customer-list.pages.js';
import { customerListLimit, findCustomer, latestCustomers } from './find-customers.js';
import { customerSummary } from './open-customer-record.js';

export const customerIdParams = z.object({ id: z.uuid() });
const contactRead = { kind: 'staff', permission: 'customers.contact.read' } as const;
/** A customer's page only lists what the member may open; anyone who may open something sees it. */
const customerPageAuth = { kind: 'staff', permission: ['customers.contact.read', 'customers.read', 'abuse.manage'] } as const;
const doneNotices = { suspended: 'customerRecords.done.suspended', lifted: 'customerRecords.done.lifted' } as const;

export function registerCustomerListRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendList = async (request: FastifyRequest, reply: FastifyReply, search?: CustomerListState['search']) => {
    const customers = await latestCustomers(deps);
    return sendConsolePage(kit, request, reply, { title: t(request)('customerRecords.list.title'), main: (csrf) => customerListPage(request, { csrf, customers, limit: customerListLimit, ...(search ? { search } : {}) }) });
  };

  kit.route({
    method: 'GET', url: '/console/customers', kind: 'page', auth: contactRead, tags: ['customer-records', 'pages'],
    summary: 'The newest customers (id, status, created) and a search by exact email or account id.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => sendList(request, reply),
  });

  kit.route({
    method: 'POST', url: '/console/customers/search', kind: 'page', auth: contactRead, tags: ['customer-records', 'pages'],
    summary: 'Finds one customer by exact email (blind index; the search is audited) or account id. Posted, so no address ends up in a URL.',
    body: z.object({ query: z.string().trim().min(1).max(320) }),
    responses: { 200: { description: 'The list with the search result' }, 400: { description: 'Form with errors' } },
    onInvalid: async ({ request, reply, submitted }) => {
      const query = typeof submitted.query === 'string' ? submitted.query.slice(0, 320) : '';
      return sendList(request, reply, { query, errors: [{ field: 'query', message: t(request)('customerRecords.search.invalid') }] });
    },
    handler: async ({ request, reply, body }) => {
      const found = await findCustomer(deps, contextOf(request, 'dpv:CustomerCare'), body.query);
      return sendList(request, reply, { query: body.query, result: found ?? null });
    },
  });

  kit.route({
    method: 'GET', url: '/console/customers/:id', kind: 'page', auth: customerPageAuth, tags: ['customer-records', 'pages'],
    summary: 'One customer: id, status, created, and links to what the member\'s role may open.',
    params: customerIdParams,
    query: z.object({ done: z.enum(['suspended', 'lifted']).optional() }),
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such customer' } },
    handler: async ({ request, reply, params, query, staff }) => {
      const account = await customerSummary(deps, params.id);
      const role = staff!.role;
      const tr = t(request);
      return sendConsolePage(kit, request, reply, {
        title: tr('customerRecords.customer.title', { id: account.id.slice(0, 8) }),
        main: () => customerPage(request, {
          account,
          canContact: roleHas(role, 'customers.contact.read'),
          canRecord: roleHas(role, 'customers.read'),
          canManageAbuse: roleHas(role, 'abuse.manage'),
          ...(query.done ? { notice: tr(doneNotices[query.done]) } : {}),
        }),
      });
    },
  });

  kit.route({
    method: 'GET', url: '/console/customers/:id/contact', kind: 'page', auth: contactRead, tags: ['customer-records', 'pages'],
    summary: 'A customer\'s contact details (name, email, phone, address); every view is audited.',
    params: customerIdParams,
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such customer' } },
    handler: async ({ request, reply, params }) => {
      const contact = await readCustomerContact(deps, contextOf(request, 'dpv:CustomerCare'), params.id);
      return sendConsolePage(kit, request, reply, { title: t(request)('customerRecords.contact.title'), main: () => contactPage(request, contact) });
    },
  });
}
