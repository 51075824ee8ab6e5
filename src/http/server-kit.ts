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

/**
 * The request context of a mutation: who (the principal the route authorised), why, from where.
 * Public routes name whoever is signed in for that area, else an anonymous actor.
 */
export function contextOf(request: FastifyRequest, purpose: Purpose): ContextWithoutTransaction {
  const staffActor = request.staff ? { type: 'staff' as const, id: request.staff.staffId } : null;
  const account = request.account;
  // A trusted user acting for an account is recorded as themselves, on behalf of that account.
  const customerActor = !account ? null
    : account.acting && request.actingInScope ? { type: 'trusted_user' as const, id: account.accountId, onBehalfOf: account.acting.accountId }
    : { type: 'customer' as const, id: account.accountId };
  const apiClientActor = request.apiClient ? { type: 'api_client' as const, id: request.apiClient.clientId } : null;
  const actor =
    request.authorisedAs === 'api_client' ? apiClientActor
    : request.authorisedAs === 'staff' ? staffActor
    : request.authorisedAs === 'account' ? customerActor
    : request.url.startsWith('/console') ? staffActor
    : customerActor;
  return { actor: actor ?? { type: 'anonymous', id: null }, purpose, ip: truncateIp(request.ip), requestId: request.id };
}
