import { z } from 'zod';
import type { ServerKit } from '../http/server-kit.js';
import type { HttpMetrics } from './metrics.js';
import { backlogCounts, pingDatabase } from './ops.store.js';

export function registerOpsRoutes(kit: ServerKit, metrics: HttpMetrics, isReady: () => boolean): void {
  kit.route({
    method: 'GET', url: '/healthz', kind: 'api', auth: { kind: 'public' }, tags: ['operations'],
    summary: 'Liveness: the process answers.',
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  kit.route({
    method: 'GET', url: '/readyz', kind: 'api', auth: { kind: 'public' }, tags: ['operations'],
    summary: 'Readiness: migrations ran and the database answers.',
    responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } },
    handler: async ({ reply }) => {
      try {
        await pingDatabase(kit.deps.db);
      } catch {
        return reply.status(503).send({ status: 'database unavailable' });
      }
      return isReady() ? { status: 'ready' } : reply.status(503).send({ status: 'starting' });
    },
  });
  kit.route({
    method: 'GET', url: '/metrics', kind: 'api', auth: { kind: 'public' }, tags: ['operations'],
    summary: 'Prometheus metrics (request counts, latency, job and email backlog).',
    responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
    handler: async ({ reply }) => {
      const backlog = await backlogCounts(kit.deps.db);
      return reply.type('text/plain; version=0.0.4').send(metrics.render({
        custodian_jobs_queued: backlog.jobsQueued,
        custodian_jobs_failed: backlog.jobsFailed,
        custodian_emails_queued: backlog.emailsQueued,
      }));
    },
  });
}
