import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { localiseDomainErrors } from './domain-format.js';
import { submitDomainForm } from './domain-route-helpers.js';
import { listAllDomains } from './domains.store.js';
import { domainStatuses } from './domains.tables.js';
import { renderConsoleDomainMain, renderConsoleDomainsMain } from './domains-console.pages.js';
import { readConsoleDomain, summarise } from './read-domains.js';
import { decideIdentityDocument, viewIdentityDocument } from './review-identity-document.js';
import { AppError } from '../errors/app-error.js';

const tags = ['console'];
const idParams = z.object({ id: z.uuid() });
const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });
const readAuth = { kind: 'staff', permission: 'domains.read' } as const;
const reviewAuth = { kind: 'staff', permission: 'domains.documents.review' } as const;

/** RFC 6266 / 5987: an ASCII fallback and the exact name, so no header injection and no mangling. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The staff console's domains: all domains, one domain, and reviewing identity documents. */
export function registerDomainsConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/console/domains', kind: 'page', auth: readAuth, tags,
    query: z.object({ status: z.enum(domainStatuses).optional() }),
    summary: 'All customers\' domains, newest first, with documents waiting for review; filter by status.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const rows = await listAllDomains(deps.db, { status: query.status, limit: 500 });
      const domains = rows.map((row) => ({ ...summarise(row), pendingDocuments: row.pending_documents }));
      return sendConsolePage(kit, request, reply, { title: t(request)('domains.console.title'), main: () => renderConsoleDomainsMain(request, domains, query.status ?? null) });
    },
  });

  async function domainPage(request: FastifyRequest, reply: FastifyReply, domainId: string, extras: { notice?: string; errors?: FieldError[]; formError?: string } = {}) {
    const mayReview = roleHas(request.staff!.role, 'domains.documents.review');
    const domain = await readConsoleDomain(deps, domainId, mayReview);
    return sendConsolePage(kit, request, reply, { title: domain.fqdn, main: (csrf) => renderConsoleDomainMain(request, csrf, domain, { ...extras, idDocumentsPeriod: deps.config.retention.idDocuments }) });
  }

  kit.route({
    method: 'GET', url: '/console/domains/:id', kind: 'page', auth: readAuth, tags, params: idParams,
    query: z.object({ done: z.enum(['decided']).optional() }),
    summary: 'One domain: state, contacts, orders and, for reviewers, its identity documents.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such domain' } },
    handler: async ({ request, reply, params, query }) => domainPage(request, reply, params.id, { notice: query.done ? t(request)('domains.console.decided') : undefined }),
  });

  kit.route({
    method: 'GET', url: '/console/domains/:id/documents/:documentId', kind: 'page', auth: reviewAuth, tags, params: documentParams,
    summary: 'Downloads an identity document for review; every view is audited.',
    responses: { 200: { description: 'The document', contentType: 'application/octet-stream' }, 404: { description: 'No such document, or already deleted after its retention period' } },
    handler: async ({ request, reply, params, staff }) => {
      const opened = await viewIdentityDocument(deps, contextOf(request, 'dpv:ServiceProvision'), { domainId: params.id, documentId: params.documentId, staffId: staff!.staffId });
      return reply
        .header('content-type', opened.mediaType)
        .header('content-disposition', contentDisposition(opened.filename))
        .header('cache-control', 'no-store')
        .send(opened.data);
    },
  });

  kit.route({
    method: 'POST', url: '/console/domains/:id/documents/:documentId/decision', kind: 'page', auth: reviewAuth, tags, params: documentParams,
    body: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().max(1000).default('') }),
    summary: 'Approves or rejects an identity document with a reason; approval releases a paid order to the registry.',
    responses: { 303: { description: 'Back to the domain' }, 409: { description: 'Already decided' } },
    onInvalid: async ({ request, reply, errors }) => {
      const ids = documentParams.safeParse(request.params);
      if (!ids.success) throw new AppError('NOT_FOUND', 'No such document');
      reply.status(400);
      return domainPage(request, reply, ids.data.id, { errors: localiseDomainErrors(t(request), errors) });
    },
    handler: async ({ request, reply, params, body, staff }) => submitDomainForm(request, reply, async () => {
      await decideIdentityDocument(deps, contextOf(request, 'dpv:ServiceProvision'), { domainId: params.id, documentId: params.documentId, staffId: staff!.staffId, decision: body.decision, reason: body.reason });
      return reply.redirect(`/console/domains/${params.id}?done=decided`, 303);
    }, (errors, formError) => domainPage(request, reply, params.id, { errors, formError })),
  });
}
