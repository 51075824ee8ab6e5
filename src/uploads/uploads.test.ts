import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandling } from '../http/error-handler.js';
import { defineRoute, RouteRegistry } from '../http/route.js';
import { optionalUploadedFileSchema, registerMultipartParser, sniffMediaType, UploadedFile } from './uploads.js';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const exe = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xfe]);

function multipart(parts: Array<{ name: string; value?: string; filename?: string; type?: string; data?: Buffer }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----custodian-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename === undefined ? `form-data; name="${part.name}"` : `form-data; name="${part.name}"; filename="${part.filename}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(part.data ?? Buffer.from(part.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The parser on a bare server with one upload route and one route that takes no multipart. */
describe('multipart uploads', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    registerMultipartParser(app);
    registerErrorHandling(app);
    const registry = new RouteRegistry();
    const deps = { csrf: { verify: () => undefined } as never, consumeRateLimit: async () => undefined };
    defineRoute(app, registry, deps, {
      method: 'POST', url: '/upload', kind: 'api', auth: { kind: 'public' }, csrf: false, summary: 'test', tags: [],
      multipart: { maxFileBytes: 1024, maxFiles: 1, accept: ['application/pdf', 'image/png'] },
      body: z.object({ title: z.string().max(100), file: optionalUploadedFileSchema }),
      responses: { 200: { description: 'ok' } },
      handler: async ({ body }) => ({ title: body.title, file: body.file ? { name: body.file.filename, type: body.file.mediaType, size: body.file.data.length, isUpload: body.file instanceof UploadedFile } : null }),
    });
    defineRoute(app, registry, deps, {
      method: 'POST', url: '/signed-in-upload', kind: 'api', auth: { kind: 'account' }, summary: 'test', tags: [],
      multipart: { maxFileBytes: 1024, maxFiles: 1 },
      body: z.object({ file: optionalUploadedFileSchema }), responses: { 200: { description: 'ok' } },
      handler: async () => ({ ok: true }),
    });
    defineRoute(app, registry, deps, {
      method: 'POST', url: '/plain', kind: 'api', auth: { kind: 'public' }, csrf: false, summary: 'test', tags: [],
      body: z.object({ title: z.string() }), responses: { 200: { description: 'ok' } },
      handler: async () => ({ ok: true }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('hands the route a file with its type sniffed from the content, whatever the client claimed', async () => {
    const response = await app.inject({ method: 'POST', url: '/upload', ...multipart([{ name: 'title', value: 'Passport' }, { name: 'file', filename: 'C:\\Users\\me\\scan.pdf', type: 'image/png', data: pdf }]) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ title: 'Passport', file: { name: 'scan.pdf', type: 'application/pdf', size: pdf.length, isUpload: true } });
  });

  it('masks a card number in the file name', async () => {
    const response = await app.inject({ method: 'POST', url: '/upload', ...multipart([{ name: 'title', value: 'x' }, { name: 'file', filename: 'card 4111 1111 1111 1111.png', data: png }]) });
    expect(response.json().file.name).toBe('card [card number removed, ending 1111].png');
  });

  it('treats an empty file input as no file', async () => {
    const response = await app.inject({ method: 'POST', url: '/upload', ...multipart([{ name: 'title', value: 'x' }, { name: 'file', filename: '', data: Buffer.alloc(0) }]) });
    expect(response.json(), response.body).toMatchObject({ file: null });
  });

  it('refuses a type outside the route list with 415 and an oversized file with 413, as problem+json', async () => {
    const wrongType = await app.inject({ method: 'POST', url: '/upload', ...multipart([{ name: 'title', value: 'x' }, { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: exe }]) });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.headers['content-type']).toContain('application/problem+json');
    const tooBig = await app.inject({ method: 'POST', url: '/upload', ...multipart([{ name: 'title', value: 'x' }, { name: 'file', filename: 'a.pdf', data: Buffer.concat([pdf, Buffer.alloc(2048, 32)]) }]) });
    expect(tooBig.statusCode).toBe(413);
    const twoFiles = await app.inject({ method: 'POST', url: '/upload', ...multipart([{ name: 'file', filename: 'a.pdf', data: pdf }, { name: 'other', filename: 'b.pdf', data: pdf }]) });
    expect(twoFiles.statusCode).toBe(413);
  });

  it('answers 415 on routes that take no uploads and 400 on a malformed body', async () => {
    const elsewhere = await app.inject({ method: 'POST', url: '/plain', ...multipart([{ name: 'title', value: 'x' }]) });
    expect(elsewhere.statusCode).toBe(415);
    const malformed = await app.inject({ method: 'POST', url: '/upload', payload: 'not multipart', headers: { 'content-type': 'multipart/form-data' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('refuses an upload without the route\'s sign-in before reading it', async () => {
    // A malformed body would be a 400 from the parser; 401 shows authorisation ran first.
    const response = await app.inject({ method: 'POST', url: '/signed-in-upload', payload: 'not multipart', headers: { 'content-type': 'multipart/form-data' } });
    expect(response.statusCode).toBe(401);
  });

  it('sniffs only the types it knows', () => {
    expect(sniffMediaType(pdf)).toBe('application/pdf');
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('plain words\n'))).toBe('text/plain');
    expect(sniffMediaType(exe)).toBeNull();
  });
});
