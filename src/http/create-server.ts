import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { registerMultipartParser } from '../uploads/uploads.js';
import { loadPrincipals } from '../auth/load-principals.js';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit.js';
import { HttpMetrics } from '../ops/metrics.js';
import { registerOpsRoutes } from '../ops/ops.routes.js';
import { negotiateLocale } from '../i18n/i18n.js';
import type { AppDeps } from './app-deps.js';
import { registerAssetRoutes } from './assets.routes.js';
import { truncateIp } from './client-info.js';
import { CsrfGuard } from './csrf.js';
import { registerErrorHandling, sendFrameworkError, writeConnectionError } from './error-handler.js';
import { registerOpenApiRoutes } from './openapi.routes.js';
import { defineRoute, RouteRegistry, type RateLimitSpec } from './route.js';
import { registerSecurityHeaders } from './security-headers.js';
import type { ServerKit } from './server-kit.js';
import { capabilityRoutes } from './capability-routes.js';

export interface BuiltServer {
  readonly app: FastifyInstance;
  readonly kit: ServerKit;
  markReady(): void;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Keep the exact JSON text (signed webhooks verify the bytes, not a re-serialisation). */
    rawBody?: boolean;
  }
  interface FastifyRequest {
    rawBody?: string;
  }
}

/** Fastify's own JSON parser (prototype-poisoning checks included), keeping the text for routes that ask. */
function keepRawJsonWhereAsked(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (request.routeOptions.config.rawBody) request.rawBody = text;
    parseJson(request, text, done);
  });
}

/** Assembles the HTTP server; capabilities add their routes through capability-routes.ts. */
export async function createServer(deps: AppDeps): Promise<BuiltServer> {
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy: false,
    // Errors raised before routing (over-long path parameters, bad URLs) also answer problem+json.
    frameworkErrors: (error, request, reply) => sendFrameworkError(request, reply, error),
    // Errors raised by Node's HTTP parser (headers or URL too large) never reach a route.
    clientErrorHandler: writeConnectionError,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  registerMultipartParser(app);
  keepRawJsonWhereAsked(app);
  app.decorateRequest('account', null);
  app.decorateRequest('staff', null);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('authorisedAs', 'public');
  app.decorateRequest('actingInScope', false);
  app.decorateRequest('apiClient', null);

  const registry = new RouteRegistry();
  const csrf = new CsrfGuard(deps.keys.csrf, deps.config.http.secureCookies);
  const rateLimit = async (request: import('fastify').FastifyRequest, spec: RateLimitSpec, body: unknown) => {
    const values = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const parts = [truncateIp(request.ip) ?? 'unknown', ...(spec.keyFields ?? []).map((f) => String(values[f] ?? '').trim().toLowerCase())];
    await consumeRateLimit(deps.db, deps.keys.rateLimit, { scope: spec.scope, limit: spec.limit, window: spec.window, parts });
  };
  const kit: ServerKit = {
    app,
    deps,
    registry,
    csrf,
    route: (spec) => defineRoute(app, registry, { csrf, consumeRateLimit: rateLimit }, spec),
  };

  registerSecurityHeaders(app, { https: deps.config.http.publicUrl.startsWith('https://') });
  registerErrorHandling(app);
  const metrics = new HttpMetrics();
  metrics.register(app);
  app.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    if (request.url.startsWith('/assets/') || request.url === '/healthz') return;
    await loadPrincipals(request, deps.db, deps.config, deps.now());
  });

  let ready = false;
  registerAssetRoutes(app);
  registerOpsRoutes(kit, metrics, () => ready);
  registerOpenApiRoutes(kit);
  for (const register of capabilityRoutes) register(kit);
  return { app, kit, markReady: () => (ready = true) };
}
