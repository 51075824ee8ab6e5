import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dataMap } from '../datamap/datamap.registry.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from '../staff/console-page.js';
import { roleHas } from '../staff/permissions.js';
import { currentRegister } from './current-register.js';
import { recordOfProcessingMain } from './record-of-processing.pages.js';
import { registerReaders } from './register-access.js';
import { registerEditorMain } from './register-console.pages.js';
import { parseRegisterYaml, registerToYaml } from './register-yaml.js';
import { saveRegister } from './save-register.js';

const editorUrl = '/console/privacy/register';
const yamlFieldLimit = 256 * 1024;
const tags = ['register', 'pages'];
const readAuth = { kind: 'staff', permission: registerReaders } as const;
const manageAuth = { kind: 'staff', permission: 'privacy.manage' } as const;

/** The register editor and the printable record of processing in the staff console. */
export function registerRegisterConsoleRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendEditor = async (request: FastifyRequest, reply: FastifyReply, state: { yaml?: string; errors?: FieldError[]; saved?: boolean }) => {
    const current = await currentRegister(deps.db);
    const tr = t(request);
    const canEdit = request.staff !== null && roleHas(request.staff.role, 'privacy.manage');
    const view = { yaml: state.yaml ?? registerToYaml(current.register), canEdit, origin: current.origin, updatedAt: current.updatedAt, errors: state.errors, saved: state.saved };
    return sendConsolePage(kit, request, reply, { title: tr('registerConsole.title'), main: (csrf) => registerEditorMain(tr, view, csrf) });
  };

  kit.route({
    method: 'GET', url: editorUrl, kind: 'page', auth: readAuth, tags,
    summary: 'The processing register as YAML: editable with privacy.manage, read-only with audit.read.',
    query: z.object({ saved: z.literal('1').optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => sendEditor(request, reply, { saved: query.saved === '1' }),
  });

  kit.route({
    method: 'POST', url: editorUrl, kind: 'page', auth: manageAuth, tags,
    summary: 'Replaces the processing register with the pasted YAML; on any problem re-renders the editor with each path and message (400).',
    body: z.object({ yaml: z.string().max(yamlFieldLimit, 'The register is longer than 256 KiB') }),
    responses: { 303: { description: 'Saved' }, 400: { description: 'The editor with the problems listed' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const yaml = typeof submitted.yaml === 'string' ? submitted.yaml.slice(0, yamlFieldLimit) : '';
      return sendEditor(request, reply, { yaml, errors });
    },
    handler: async ({ request, reply, body }) => {
      try {
        await saveRegister(deps, contextOf(request, 'dpv:LegalCompliance'), request.staff?.subjectId ?? null, parseRegisterYaml(body.yaml), 'yaml');
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        reply.status(400);
        return sendEditor(request, reply, { yaml: body.yaml, errors: error.fieldErrors.length > 0 ? [...error.fieldErrors] : [{ field: '(root)', message: error.message }] });
      }
      return reply.redirect(`${editorUrl}?saved=1`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/console/privacy/record-of-processing', kind: 'page', auth: readAuth, tags,
    summary: 'Printable record of processing activities: Art 30(1) as controller and Art 30(2) as processor. Needs privacy.manage or audit.read.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply }) => {
      const tr = t(request);
      const view = { register: (await currentRegister(deps.db)).register, declarations: dataMap, retention: deps.config.retention, tr, locale: request.locale ?? 'en', now: deps.now() };
      return sendConsolePage(kit, request, reply, { title: tr('ropa.title'), main: () => recordOfProcessingMain(view) });
    },
  });
}
