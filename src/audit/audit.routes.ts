import { z } from 'zod';
import { t } from '../http/layout.js';
import type { ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { newestAuditRows } from './audit-listing.store.js';
import { auditPage } from './audit.pages.js';
import type { AuditRow } from './audit.store.js';
import { verifyAuditChain } from './verify-audit-chain.js';

export const auditPageSize = 50;
const read = { kind: 'staff', permission: 'audit.read' } as const;
const emptyAsMissing = (v: unknown) => (v === '' ? undefined : v);
const auditQuery = z.object({
  beforeSeq: z.preprocess(emptyAsMissing, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  subjectId: z.preprocess(emptyAsMissing, z.uuid().optional()),
});
const entrySchema = z.object({
  seq: z.number(), id: z.string(), occurredAt: z.string(), actorType: z.string(), actorId: z.string().nullable(), onBehalfOf: z.string().nullable(),
  action: z.string(), subjectId: z.string().nullable(), purpose: z.string(), details: z.record(z.string(), z.unknown()),
});

async function page(kit: ServerKit, filter: { beforeSeq?: number; subjectId?: string }) {
  const rows = await newestAuditRows(kit.deps.db, filter, auditPageSize + 1);
  const more = rows.length > auditPageSize;
  const shown = rows.slice(0, auditPageSize);
  return { rows: shown, nextBeforeSeq: more ? shown[shown.length - 1]!.seq : null };
}

function toEntry(row: AuditRow) {
  return {
    seq: Number(row.seq), id: row.id, occurredAt: row.occurred_at.toISOString(), actorType: row.actor_type, actorId: row.actor_id, onBehalfOf: row.on_behalf_of,
    action: row.action, subjectId: row.subject_id, purpose: row.purpose, details: row.details,
  };
}

export function registerAuditRoutes(kit: ServerKit): void {
  kit.route({
    method: 'GET', url: '/console/audit', kind: 'page', auth: read, tags: ['audit', 'pages'],
    summary: 'The newest audit entries (50 a page), optionally for one subject.',
    query: auditQuery,
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const found = await page(kit, query);
      return sendConsolePage(kit, request, reply, { title: t(request)('audit.title'), main: (csrf) => auditPage(request, { csrf, subjectId: query.subjectId, ...found }) });
    },
  });

  kit.route({
    method: 'POST', url: '/console/audit/verify', kind: 'page', auth: read, tags: ['audit', 'pages'],
    summary: 'Verifies the whole hash chain and shows the verdict (reads only).',
    responses: { 200: { description: 'HTML page with the verdict' } },
    handler: async ({ request, reply }) => {
      const verdict = await verifyAuditChain(kit.deps.db);
      const found = await page(kit, {});
      return sendConsolePage(kit, request, reply, { title: t(request)('audit.title'), main: (csrf) => auditPage(request, { csrf, verdict, ...found }) });
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/staff/audit', kind: 'api', auth: read, tags: ['audit'],
    summary: 'Audit entries, newest first, 50 a page; pass nextBeforeSeq as beforeSeq for the next page.',
    query: auditQuery,
    responses: { 200: { description: 'Entries', schema: z.object({ entries: z.array(entrySchema), nextBeforeSeq: z.number().nullable() }) } },
    handler: async ({ query }) => {
      const found = await page(kit, query);
      return { entries: found.rows.map(toEntry), nextBeforeSeq: found.nextBeforeSeq };
    },
  });
}
