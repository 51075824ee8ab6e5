import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ContextWithoutTransaction } from '../context/request-context.js';
import type { Purpose } from '../datamap/vocabulary.js';
import type { AppDeps } from './app-deps.js';
import { truncateIp } from './client-info.js';
import type { CsrfGuard } from './csrf.js';
import type { RouteRegistry, RouteSpec } from './route.js';

/** Handed to each capability's register function: define routes, get CSRF tokens, build contexts. */
export interface ServerKit {
  readonly app: FastifyInstance;
  readonly deps: AppDeps;
  readonly registry: RouteRegistry;
  readonly csrf: CsrfGuard;
  route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): void;
}

export function csrfToken(kit: ServerKit, request: FastifyRequest, reply: FastifyReply): string {
  return kit.csrf.tokenFor(request, reply);
}

/** The request context of a mutation: who (from the session), why, from where. */
export function contextOf(request: FastifyRequest, purpose: Purpose): ContextWithoutTransaction {
  const actor = request.staff && request.url.startsWith('/console')
    ? { type: 'staff' as const, id: request.staff.staffId }
    : request.account
      ? { type: 'customer' as const, id: request.account.accountId }
      : { type: 'anonymous' as const, id: null };
  return { actor, purpose, ip: truncateIp(request.ip), requestId: request.id };
}
