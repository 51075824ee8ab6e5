import { html } from './html.js';
import { renderPage } from './layout.js';
import { buildOpenApiDocument } from './openapi.js';
import type { ServerKit } from './server-kit.js';

export function registerOpenApiRoutes(kit: ServerKit): void {
  // Routes are all registered before the first request, so the document is built once.
  let cached: ReturnType<typeof buildOpenApiDocument> | undefined;
  const document = () => (cached ??= buildOpenApiDocument(kit.registry, kit.deps.config.http.publicUrl));
  kit.route({
    method: 'GET', url: '/api/openapi.json', kind: 'api', auth: { kind: 'public' }, tags: ['documentation'],
    summary: 'The OpenAPI 3.1 document of every route, generated from the validation schemas.',
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
    handler: async () => document(),
  });
  kit.route({
    method: 'GET', url: '/api/docs', kind: 'page', auth: { kind: 'public' }, tags: ['documentation'],
    summary: 'Readable API documentation.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const doc = document();
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as { summary: string; tags: string[]; requestBody?: unknown; 'x-custodian-auth': { kind: string; permission?: string | string[] } } })),
      );
      const tags = [...new Set(operations.flatMap((o) => o.op.tags))].sort();
      const main = html`<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457). Unsafe methods need the CSRF token in the <code>x-csrf-token</code> header or a <code>_csrf</code> form field.</p>
${tags.map((tag) => html`<section class="panel"><h2 id="tag-${tag}">${tag}</h2><table><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Who</th><th scope="col">What</th></tr></thead><tbody>
${operations.filter((o) => o.op.tags.includes(tag)).map((o) => html`<tr><td><code>${o.method}</code></td><td><code>${o.path}</code></td><td>${o.op['x-custodian-auth'].kind}${o.op['x-custodian-auth'].permission ? html` (${[o.op['x-custodian-auth'].permission].flat().join(' or ')})` : ''}</td><td>${o.op.summary}</td></tr>`)}
</tbody></table></section>`)}`;
      return reply.type('text/html; charset=utf-8').send(renderPage({ request, title: 'API documentation', area: 'public', main }).value);
    },
  });
}
