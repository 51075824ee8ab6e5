import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors/app-error.js';
import { internalProblem, toProblem } from '../errors/problem-details.js';
import { renderErrorPage } from './layout.js';

/** Framework errors with a 4xx status (bad JSON, body too large, wrong content type) keep their class. */
function fromFrameworkError(error: FastifyError): AppError | null {
  const status = error.statusCode ?? 0;
  if (status < 400 || status >= 500) return null;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 414) return new AppError('VALIDATION_FAILED', 'A path parameter is too long');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json or application/x-www-form-urlencoded');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status === 405) return new AppError('METHOD_NOT_ALLOWED');
  return new AppError('VALIDATION_FAILED', error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(error.message) ? 'The body is not valid JSON' : 'The request could not be read');
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') || (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

const signInPaths = {
  staff: { signIn: '/console/sign-in', secondFactor: '/console/sign-in/second-factor' },
  account: { signIn: '/sign-in', secondFactor: '/sign-in/second-factor' },
};

/** Where a page request goes when it lacks sign-in, second factor or a verified address. */
function redirectFor(error: AppError, request: FastifyRequest): string | null {
  if (request.method !== 'GET') return null;
  const area = request.url.startsWith('/console') ? signInPaths.staff : signInPaths.account;
  const next = encodeURIComponent(request.url);
  if (error.code === 'UNAUTHENTICATED') return `${area.signIn}?next=${next}`;
  if (error.code === 'SECOND_FACTOR_REQUIRED') {
    if (request.staff?.mustEnrolSecondFactor && request.staff.secondFactorVerified) return '/console/security/two-factor';
    return `${area.secondFactor}?next=${next}`;
  }
  if (error.code === 'EMAIL_NOT_VERIFIED') return '/verify-email/pending';
  return null;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  if (wantsPage(request)) {
    const location = redirectFor(error, request);
    if (location) return reply.redirect(location, 303);
    return reply.status(error.status).type('text/html; charset=utf-8').send(renderErrorPage(request, error).value);
  }
  return reply.status(error.status).type('application/problem+json').send(toProblem(error, request.id));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = isAppError(error) ? error : fromFrameworkError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendError(request, reply, known);
    }
    request.log.error({ err: error }, 'unexpected error');
    if (wantsPage(request)) {
      return reply.status(500).type('text/html; charset=utf-8').send(renderErrorPage(request, new AppError('INTERNAL')).value);
    }
    return reply.status(500).type('application/problem+json').send(internalProblem(request.id));
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`)));
}

/** For errors Fastify raises before a route runs: same mapping as the error handler. */
export function sendFrameworkError(request: FastifyRequest, reply: FastifyReply, error: FastifyError) {
  return sendError(request, reply, fromFrameworkError(error) ?? new AppError('VALIDATION_FAILED', 'The request could not be read'));
}

/**
 * Node's HTTP parser rejects oversized headers or URLs before Fastify sees a request; answer in
 * problem+json on the raw socket rather than Node's bare default.
 */
export function writeConnectionError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: `https://custodian.dev/problems/${tooLarge ? 'request-header-fields-too-large' : 'bad-request'}`,
    title: tooLarge ? 'Request header fields too large' : 'Bad request',
    status,
    detail: tooLarge ? 'The request line or headers are too large.' : 'The request could not be parsed.',
    code: 'VALIDATION_FAILED',
  });
  socket.end(`HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
