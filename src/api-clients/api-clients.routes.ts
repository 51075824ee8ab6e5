import { t } from '../http/layout.js';
import { z } from 'zod';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { listApiClients } from './api-clients.store.js';
import { apiScopes } from './api-clients.tables.js';
import { apiClientsMain, type ApiClientsPageState } from './api-clients.pages.js';
import { createApiClient, revokeApiClient, viewOf } from './manage-api-clients.js';

const manage = { kind: 'staff', permission: 'api_clients.manage' } as const;
const tags = ['api-clients'];
const name = z.string().trim().min(1, 'Name the system this key is for').max(100);
const scopeList = z.array(z.enum(apiScopes)).min(1, 'Choose at least one scope').max(apiScopes.length);
const idParams = z.object({ id: z.uuid() });
const clientSchema = z.object({
  id: z.string(), name: z.string(), keyPrefix: z.string(), scopes: z.array(z.enum(apiScopes)),
  createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
});

export function registerApiClientsRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const page = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, state: Omit<ApiClientsPageState, 'clients'>) => {
    const clients = (await listApiClients(deps.db)).map(viewOf);
    return sendConsolePage(kit, request, reply, { title: t(request)('apiClients.title'), main: (csrf) => apiClientsMain(request, csrf, { clients, ...state }) });
  };

  kit.route({
    method: 'GET', url: '/console/api-clients', kind: 'page', auth: manage, tags: [...tags, 'pages'],
    summary: 'Owner-only list of API clients with a form to create one.',
    query: z.object({ revoked: z.literal('1').optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => page(request, reply, { revoked: query.revoked === '1' }),
  });

  kit.route({
    method: 'POST', url: '/console/api-clients', kind: 'page', auth: manage, tags: [...tags, 'pages'],
    summary: 'Creates an API client and shows its key once.',
    body: z.object({ name, scopes: z.union([z.enum(apiScopes).transform((s) => [s]), scopeList]) }),
    responses: { 200: { description: 'The page with the new key, shown once' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) => page(request, reply, { errors, submittedName: typeof submitted['name'] === 'string' ? submitted['name'] : '' }),
    handler: async ({ request, reply, body, staff }) => {
      const created = await createApiClient(deps.db, contextOf(request, 'dpv:ServiceSecurity'), { name: body.name, scopes: body.scopes, createdBySubjectId: staff?.subjectId ?? null });
      reply.header('cache-control', 'no-store');
      return page(request, reply, { newKey: created.key });
    },
  });

  kit.route({
    method: 'POST', url: '/console/api-clients/:id/revoke', kind: 'page', auth: manage, tags: [...tags, 'pages'],
    summary: 'Revokes an API client key at once.',
    params: idParams,
    responses: { 303: { description: 'Revoked' } },
    handler: async ({ request, reply, params }) => {
      await revokeApiClient(deps.db, contextOf(request, 'dpv:ServiceSecurity'), params.id, deps.now());
      return reply.redirect('/console/api-clients?revoked=1', 303);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/api-clients', kind: 'api', auth: manage, tags,
    summary: 'Lists API clients (never their keys).',
    responses: { 200: { description: 'API clients', schema: z.object({ items: z.array(clientSchema) }) } },
    handler: async () => ({ items: (await listApiClients(deps.db)).map(viewOf) }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/api-clients', kind: 'api', auth: manage, tags,
    summary: 'Creates an API client; the answer holds the key, which is never shown again.',
    body: z.object({ name, scopes: scopeList }),
    responses: { 201: { description: 'Created', schema: z.object({ client: clientSchema, key: z.string() }) } },
    handler: async ({ request, reply, body, staff }) => {
      const created = await createApiClient(deps.db, contextOf(request, 'dpv:ServiceSecurity'), { name: body.name, scopes: body.scopes, createdBySubjectId: staff?.subjectId ?? null });
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/api-clients/:id/revoke', kind: 'api', auth: manage, tags,
    summary: 'Revokes an API client key; the next request with it gets 401.',
    params: idParams,
    responses: { 200: { description: 'Revoked', schema: clientSchema } },
    handler: async ({ request, params }) => revokeApiClient(deps.db, contextOf(request, 'dpv:ServiceSecurity'), params.id, deps.now()),
  });
}
