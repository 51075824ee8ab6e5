import { contextOf } from '../http/server-kit.js';
import { z } from 'zod';
import { dataMap } from '../datamap/datamap.registry.js';
import { AppError } from '../errors/app-error.js';
import type { ServerKit } from '../http/server-kit.js';
import { currentRegister } from './current-register.js';
import { processorRecordAsCsv } from './processor-record.js';
import { csvCell, recordAsCsv, recordAsJsonLd } from './record-of-processing.js';
import { registerReaders } from './register-access.js';
import { registerSchema } from './register.schema.js';
import { parseRegisterYaml, registerToYaml } from './register-yaml.js';
import { saveRegister } from './save-register.js';

const yamlUrl = '/api/v1/register.yaml';
const yamlTypes = ['application/yaml', 'text/yaml', 'application/x-yaml'];
const yamlBodyLimit = 256 * 1024;
const tags = ['register'];
const readAuth = { kind: 'staff', permission: registerReaders } as const;
const manageAuth = { kind: 'staff', permission: 'privacy.manage' } as const;

/** YAML bodies are read as text, and only for the register's YAML route; elsewhere they stay 415. */
function registerYamlParser(kit: ServerKit): void {
  kit.app.addContentTypeParser(yamlTypes, { parseAs: 'string', bodyLimit: yamlBodyLimit }, (request, body, done) => {
    if (request.routeOptions.url !== yamlUrl) done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'YAML is accepted only by PUT /api/v1/register.yaml'), undefined);
    else done(null, body);
  });
}

export function registerRegisterRoutes(kit: ServerKit): void {
  registerYamlParser(kit);
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/register', kind: 'api', auth: readAuth, tags,
    summary: 'The processing register in force (stored, or the shipped default). Needs privacy.manage or audit.read.',
    responses: { 200: { description: 'The register', schema: registerSchema } },
    handler: async ({ request }) => {
      return (await currentRegister(deps.db)).register;
    },
  });

  kit.route({
    method: 'PUT', url: '/api/v1/register', kind: 'api', auth: manageAuth, tags, body: registerSchema,
    summary: 'Replaces the processing register; it must agree with the data map.',
    responses: { 200: { description: 'The stored register', schema: registerSchema } },
    handler: async ({ request, body }) => saveRegister(deps, contextOf(request, 'dpv:LegalCompliance'), request.staff?.subjectId ?? null, body, 'json'),
  });

  kit.route({
    method: 'GET', url: yamlUrl, kind: 'api', auth: readAuth, tags,
    summary: 'The processing register as one YAML file. Needs privacy.manage or audit.read.',
    responses: { 200: { description: 'YAML document', contentType: 'application/yaml' } },
    handler: async ({ request, reply }) => {
      const yaml = registerToYaml((await currentRegister(deps.db)).register);
      return reply.type('application/yaml; charset=utf-8').header('content-disposition', 'attachment; filename="register.yaml"').send(yaml);
    },
  });

  kit.route({
    method: 'PUT', url: yamlUrl, kind: 'api', auth: manageAuth, tags,
    body: z.string().max(yamlBodyLimit),
    bodyContentType: 'application/yaml',
    summary: 'Replaces the processing register from one YAML file (send application/yaml or text/yaml).',
    responses: { 200: { description: 'The stored register', schema: registerSchema } },
    handler: async ({ request, body }) => saveRegister(deps, contextOf(request, 'dpv:LegalCompliance'), request.staff?.subjectId ?? null, parseRegisterYaml(body), 'yaml'),
  });

  kit.route({
    method: 'GET', url: '/api/v1/register/record-of-processing.json', kind: 'api', auth: readAuth, tags,
    summary: 'Record of processing activities (Art 30(1)) as JSON-LD with DPV terms. Needs privacy.manage or audit.read.',
    responses: { 200: { description: 'JSON-LD document', contentType: 'application/ld+json' } },
    handler: async ({ request, reply }) => {
      const document = recordAsJsonLd((await currentRegister(deps.db)).register, dataMap, deps.config.retention);
      return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(document, null, 2));
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/register/record-of-processing.csv', kind: 'api', auth: readAuth, tags,
    summary: 'Record of processing activities as CSV: one row per purpose and data category. Needs privacy.manage or audit.read.',
    responses: { 200: { description: 'CSV document', contentType: 'text/csv' } },
    handler: async ({ request, reply }) => {
      const csv = recordAsCsv((await currentRegister(deps.db)).register, dataMap, deps.config.retention);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="record-of-processing.csv"').send(csv);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/register/processor-record.csv', kind: 'api', auth: readAuth, tags,
    summary: 'Record of processing as processor (Art 30(2)) as CSV: one row per activity carried out for customers. Needs privacy.manage or audit.read.',
    responses: { 200: { description: 'CSV document', contentType: 'text/csv' } },
    handler: async ({ reply }) => {
      const csv = processorRecordAsCsv((await currentRegister(deps.db)).register, csvCell);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="processor-record.csv"').send(csv);
    },
  });
}
