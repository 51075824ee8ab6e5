import { z, type ZodType } from 'zod';
import { problemTypeBase } from '../errors/problem-details.js';
import type { AnyRouteSpec, RouteRegistry } from './route.js';

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: `${problemTypeBase}<code>` },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

function toOpenApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

const securitySchemeOf = { account: 'accountSession', staff: 'staffSession', api_client: 'apiClientBearer' } as const;

function operation(route: AnyRouteSpec) {
  const parameters: unknown[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const objectSchema = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(objectSchema.properties ?? {})) {
      parameters.push({ name, in: where, required: where === 'path' || (objectSchema.required ?? []).includes(name), schema: property });
    }
  }
  const bodyType = route.bodyContentType ?? (route.kind === 'page' ? 'application/x-www-form-urlencoded' : 'application/json');
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? (route.kind === 'page' ? 'text/html' : 'application/json');
    responses[status] = { description: response.description, ...(response.schema || contentType !== 'application/json' ? { content: { [contentType]: response.schema ? { schema: jsonSchema(response.schema, 'output') } : {} } } : {}) };
  }
  responses['4XX'] = { description: 'Client error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  return {
    summary: route.summary,
    tags: [...route.tags],
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { [bodyType]: { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses,
    security: route.auth.kind === 'public' ? [] : [{ [securitySchemeOf[route.auth.kind]]: [] }],
    'x-custodian-auth': route.auth,
  };
}

/** OpenAPI 3.1 built from the registered zod schemas, so it cannot drift from what is validated. */
export function buildOpenApiDocument(registry: RouteRegistry, serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry.routes) {
    const key = toOpenApiPath(route.url);
    paths[key] = { ...(paths[key] ?? {}), [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Custodian', version: '0.1.0', description: 'Customer platform for web-hosting providers. Errors are RFC 9457 problem+json.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        accountSession: { type: 'apiKey', in: 'cookie', name: 'custodian_session' },
        staffSession: { type: 'apiKey', in: 'cookie', name: 'custodian_staff_session' },
        apiClientBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'ck_<prefix>_<secret>', description: 'API client key, created by the owner in the console; cookies are ignored on such requests.' },
      },
    },
  };
}
