import { z } from 'zod';
import { renderPage, t } from '../http/layout.js';
import { csrfToken, type ServerKit } from '../http/server-kit.js';
import { currentPolicyVersion } from './current-policy-version.js';
import { versionsListMain, versionMain, diffMain } from './privacy-versions.pages.js';
import { listVersions } from './policy-versions.store.js';
import { diffPolicyVersions, loadPolicyVersion } from './read-policy-versions.js';

export const versionNumber = z.string().regex(/^[1-9][0-9]{0,8}$/, 'Must be a version number').transform(Number);
const tags = ['pages'];

/** Public: every published version with its effective date, each version's notice, and diffs. */
export function registerPrivacyVersionsRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const send = (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, title: string, main: import('../http/html.js').SafeHtml) =>
    reply.type('text/html; charset=utf-8').send(renderPage({ request, title, area: 'public', main, csrfToken: csrfToken(kit, request, reply) }).value);

  kit.route({
    method: 'GET', url: '/privacy/versions', kind: 'page', auth: { kind: 'public' }, tags,
    summary: 'Every published version of the privacy notice with the date it took effect.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const [versions, inForce] = await Promise.all([listVersions(deps.db), currentPolicyVersion(deps.db, deps.now())]);
      return send(request, reply, t(request)('policy.versions.title'), versionsListMain(request, versions, inForce?.version ?? null));
    },
  });

  kit.route({
    method: 'GET', url: '/privacy/versions/diff', kind: 'page', auth: { kind: 'public' }, tags,
    query: z.object({ from: versionNumber, to: versionNumber }),
    summary: 'What changed between two versions: per section of the register, and line by line.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such version' } },
    handler: async ({ request, reply, query }) => {
      const { changes, lines } = await diffPolicyVersions(deps.db, query.from, query.to);
      return send(request, reply, t(request)('policy.diff.title', { from: query.from, to: query.to }), diffMain(request, changes, lines));
    },
  });

  kit.route({
    method: 'GET', url: '/privacy/versions/:version', kind: 'page', auth: { kind: 'public' }, tags,
    params: z.object({ version: versionNumber }),
    summary: 'The privacy notice as published in one version, rendered from its frozen snapshot.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such version' } },
    handler: async ({ request, reply, params }) => {
      const { summary, snapshot } = await loadPolicyVersion(deps.db, params.version);
      return send(request, reply, t(request)('policy.version.title', { version: summary.version }), versionMain(request, summary, snapshot));
    },
  });
}
