import Busboy from 'busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { maskCardNumbers } from '../card-numbers/card-numbers.js';
import { AppError } from '../errors/app-error.js';

/** A file from a multipart form: held in memory (uploads are small and capped), never written to disk unencrypted. */
export class UploadedFile {
  constructor(
    /** The name the browser sent, reduced to its last path segment, card numbers masked. */
    readonly filename: string,
    /** The type sniffed from the content, not the one the client claimed. */
    readonly mediaType: AllowedMediaType,
    readonly data: Buffer,
  ) {}
}

export const allowedMediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export type AllowedMediaType = (typeof allowedMediaTypes)[number];

/** Per-route upload limits, set on the route spec as `multipart`. */
export interface MultipartSpec {
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly accept?: readonly AllowedMediaType[];
}

/** zod for one file field; appears in OpenAPI as a binary string. */
export const uploadedFileSchema = z
  .custom<UploadedFile>((value) => value instanceof UploadedFile, { message: 'must be a file' })
  .meta({ type: 'string', format: 'binary' });

/** An optional file input: a browser sends an empty part when no file was chosen, which arrives as ''. */
export const optionalUploadedFileSchema = z.preprocess((value) => (value === '' ? undefined : value), uploadedFileSchema.optional());

/** Recognises the few types we accept by their first bytes; the client's Content-Type is not trusted. */
export function sniffMediaType(data: Buffer): AllowedMediaType | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const text = data.toString('utf8');
  if (data.length > 0 && !text.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(text)) return 'text/plain';
  return null;
}

export function safeFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001F\u007F"]/g, '').trim().slice(0, 200);
  return maskCardNumbers(cleaned || 'file');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    multipart?: MultipartSpec;
    /** The one-click unsubscribe route reads a tiny multipart body without files (RFC 8058). */
    multipartFieldsOnly?: boolean;
  }
}

const maxFieldBytes = 100_000;

/**
 * One multipart/form-data parser for the whole server. Only routes that declare `multipart`
 * (or take fields only) accept it; the rest answer 415. Files become UploadedFile values under
 * their field name, next to the text fields, so zod validates the whole body as usual.
 */
export function registerMultipartParser(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    const config = request.routeOptions.config;
    const spec = config.multipart;
    if (!spec && !config.multipartFieldsOnly) {
      payload.resume();
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'multipart/form-data is accepted only by forms that upload files'), undefined);
      return;
    }
    parseMultipart(request, payload, spec ?? { maxFileBytes: 0, maxFiles: 0 })
      .then((body) => done(null, body))
      .catch((error: unknown) => {
        payload.resume();
        done(error instanceof Error ? error : new Error(String(error)), undefined);
      });
  });
}

function parseMultipart(request: FastifyRequest, payload: NodeJS.ReadableStream, spec: MultipartSpec): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: request.headers as Record<string, string>, limits: { fileSize: spec.maxFileBytes, files: spec.maxFiles, fields: 50, fieldSize: maxFieldBytes, parts: 60 } });
    } catch {
      reject(new AppError('VALIDATION_FAILED', 'The multipart body is malformed'));
      return;
    }
    const body: Record<string, unknown> = {};
    const pending: Promise<void>[] = [];
    let failure: AppError | null = null;
    const fail = (error: AppError): void => {
      failure ??= error;
    };
    busboy.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new AppError('PAYLOAD_TOO_LARGE', `The field ${name} is too long`));
      body[name] = value;
    });
    busboy.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
      });
      pending.push(new Promise<void>((done) => stream.on('close', () => {
        const data = Buffer.concat(chunks);
        if (truncated) fail(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.floor(spec.maxFileBytes / 1024)} KiB`));
        else if (info.filename || data.length > 0) {
          const mediaType = sniffMediaType(data);
          const accept = spec.accept ?? allowedMediaTypes;
          if (!mediaType || !accept.includes(mediaType)) fail(new AppError('FILE_TYPE_NOT_ALLOWED', `Accepted file types: ${accept.join(', ')}`));
          else body[name] = new UploadedFile(safeFilename(info.filename ?? ''), mediaType, data);
        }
        done();
      })));
    });
    busboy.on('filesLimit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `At most ${spec.maxFiles} file(s) per request`)));
    busboy.on('partsLimit', () => fail(new AppError('PAYLOAD_TOO_LARGE', 'Too many parts in the form')));
    busboy.on('fieldsLimit', () => fail(new AppError('PAYLOAD_TOO_LARGE', 'Too many fields in the form')));
    busboy.on('error', () => reject(new AppError('VALIDATION_FAILED', 'The multipart body is malformed')));
    busboy.on('close', () => {
      Promise.all(pending).then(() => (failure ? reject(failure) : resolve(body)), reject);
    });
    payload.pipe(busboy);
  });
}
