import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { registerReaders } from '../register/register-access.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { policyConsoleMain, type PolicyConsoleState } from './policy-console.pages.js';
import { listVersions, type PolicyVersionSummary } from './policy-versions.store.js';
import { publishPolicyVersion } from './publish-policy-version.js';

const effectiveDate = z.iso.date();
const manage = { kind: 'staff', permission: 'privacy.manage' } as const;
const versionSchema = z.object({
  version: z.number().int(), effectiveDate: z.string(), publishedAt: z.iso.datetime(), noticeTextHash: z.string(), requiresAcceptance: z.boolean(),
  changed: z.array(z.string()), notifyStatus: z.string(), notifyTotal: z.number().int(), notifyDone: z.number().int(),
});

const publicVersionSchema = versionSchema.pick({ version: true, effectiveDate: true, publishedAt: true, noticeTextHash: true, requiresAcceptance: true, changed: true });

export function versionJson(v: PolicyVersionSummary): z.infer<typeof versionSchema> {
  return {
    version: v.version, effectiveDate: v.effectiveDate, publishedAt: v.publishedAt.toISOString(), noticeTextHash: v.noticeTextHash, requiresAcceptance: v.requiresAcceptance,
    changed: (v.changes as { changed: string[] }).changed, notifyStatus: v.notifyStatus, notifyTotal: v.notifyTotal, notifyDone: v.notifyDone,
  };
}

/** Console: versions with notification progress, publishing; API: the same for scripts. */
export function registerPolicyConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const sendList = async (request: FastifyRequest, reply: FastifyReply, state: Omit<PolicyConsoleState, 'csrf' | 'versions' | 'canPublish'>) => {
    const versions = await listVersions(deps.db);
    const canPublish = request.staff ? roleHas(request.staff.role, 'privacy.manage') : false;
    return sendConsolePage(kit, request, reply, { title: t(request)('policy.console.title'), main: (csrf) => policyConsoleMain(request, { csrf, versions, canPublish, ...state }) });
  };
  const dateErrors = (request: FastifyRequest, errors: readonly FieldError[]) => errors.map((e) => (e.field === 'effectiveDate' ? { field: e.field, message: t(request)('policy.console.invalidDate') } : e));

  kit.route({
    method: 'GET', url: '/console/privacy/versions', kind: 'page', auth: { kind: 'staff', permission: registerReaders }, tags: ['console'],
    query: z.object({ published: z.string().regex(/^[1-9][0-9]{0,8}$/).optional() }),
    summary: 'Published versions of the privacy notice with how many customers have been told; publish form for privacy officers.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => sendList(request, reply, { notice: query.published ? t(request)('policy.console.published', { version: query.published }) : undefined }),
  });

  kit.route({
    method: 'POST', url: '/console/privacy/versions', kind: 'page', auth: manage, tags: ['console'],
    body: z.object({ effectiveDate, requiresAcceptance: z.literal('yes').optional() }),
    summary: 'Publishes the register in force as the next version; change notices go out in the background.',
    responses: { 303: { description: 'Published' }, 400: { description: 'Form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      sendList(request, reply, { form: { effectiveDate: typeof submitted.effectiveDate === 'string' ? submitted.effectiveDate.slice(0, 40) : '', requiresAcceptance: submitted.requiresAcceptance === 'yes', errors: dateErrors(request, errors) } }),
    handler: async ({ request, reply, body }) => {
      const input = { effectiveDate: body.effectiveDate, requiresAcceptance: body.requiresAcceptance === 'yes' };
      try {
        const published = await publishPolicyVersion(deps, contextOf(request, 'dpv:LegalCompliance'), request.staff!.subjectId, input);
        return reply.redirect(`/console/privacy/versions?published=${published.version}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        reply.status(400);
        return sendList(request, reply, { form: { ...input, errors: dateErrors(request, error.fieldErrors) } });
      }
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/policy-versions', kind: 'api', auth: manage, tags: ['register'],
    body: z.object({ effectiveDate, requiresAcceptance: z.boolean() }),
    summary: 'Publishes the register in force as the next version; answers at once, change notices go out in the background.',
    responses: { 202: { description: 'Published; notices queued', schema: versionSchema } },
    handler: async ({ request, reply, body }) => {
      const published = await publishPolicyVersion(deps, contextOf(request, 'dpv:LegalCompliance'), request.staff!.subjectId, body);
      return reply.status(202).send(versionJson(published));
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/policy-versions', kind: 'api', auth: { kind: 'public' }, tags: ['register'],
    summary: 'Every published version of the privacy notice, newest first.',
    responses: { 200: { description: 'Versions', schema: z.object({ versions: z.array(publicVersionSchema) }) } },
    handler: async () => ({ versions: (await listVersions(deps.db)).map((v) => publicVersionSchema.parse(versionJson(v))) }),
  });
}
