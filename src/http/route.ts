import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import type { ApiScope } from '../api-clients/api-clients.tables.js';
import { roleHas, type Permission } from '../staff/permissions.js';
import type { AccountPrincipal, StaffPrincipal } from './principal.js';
import type { AccountArea } from '../trusted-users/account-areas.js';
import { screenCardNumbers } from '../card-numbers/card-numbers.js';
import type { MultipartSpec } from '../uploads/uploads.js';
import type { CsrfGuard } from './csrf.js';

export type RouteAuth =
  | { kind: 'public' }
  /** A signed-in customer. Pending second factor or unverified email are refused unless allowed. */
  | {
      kind: 'account';
      allowPendingSecondFactor?: boolean;
      allowUnverifiedEmail?: boolean;
      /**
       * The part of an account this route works on. A trusted user acting for another account
       * needs a grant for it; without `area` the route serves the signed-in person's own account
       * (security, sessions) and never the account they act for.
       */
      area?: AccountArea;
    }
  /** One permission, or a list of which any one suffices. */
  | { kind: 'staff'; permission: Permission | readonly Permission[]; allowPendingSecondFactor?: boolean }
  /** Another system with a bearer key holding this scope. Such requests carry no cookie, so no CSRF check. */
  | { kind: 'api_client'; scope: ApiScope };

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: ZodType;
  /** Defaults to application/json, or text/html for pages. */
  readonly contentType?: string;
}

export interface RouteInput<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly account: AccountPrincipal | null;
  readonly staff: StaffPrincipal | null;
}

export interface RateLimitSpec {
  readonly scope: string;
  readonly limit: number;
  readonly window: string;
  /** What the counter is keyed by: the client IP, or a body field (e.g. email) as well. */
  readonly keyFields?: readonly string[];
}

export interface RouteSpec<B, Q, P> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly auth: RouteAuth;
  readonly kind: 'api' | 'page';
  readonly body?: ZodType<B>;
  /** The request body's media type in OpenAPI; defaults to JSON for APIs and urlencoded for pages. */
  readonly bodyContentType?: string;
  readonly query?: ZodType<Q>;
  readonly params?: ZodType<P>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly rateLimit?: RateLimitSpec;
  /** Opt out of CSRF only for requests that carry no ambient credentials (e.g. signed webhooks). */
  readonly csrf?: false;
  /** Accept multipart/form-data with files up to these limits (files arrive as UploadedFile values). */
  readonly multipart?: MultipartSpec;
  /** Keep the request's JSON text as request.rawBody (for signature checks). */
  readonly rawBody?: boolean;
  /** Accept multipart/form-data without files (RFC 8058 one-click unsubscribe). */
  readonly multipartFieldsOnly?: boolean;
  /**
   * Card numbers are refused in every field; these free-text fields (e.g. a ticket body) have them
   * masked instead, keeping the last four digits.
   */
  readonly cardNumbers?: { readonly mask: readonly string[] };
  /** Pages re-render their form with the field errors instead of answering problem+json. */
  readonly onInvalid?: (input: { request: FastifyRequest; reply: FastifyReply; errors: FieldError[]; submitted: Record<string, unknown> }) => Promise<unknown>;
  readonly handler: (input: RouteInput<B, Q, P>) => Promise<unknown>;
}

export type AnyRouteSpec = RouteSpec<any, any, any>;

export interface RouteDependencies {
  readonly csrf: CsrfGuard;
  readonly consumeRateLimit: (request: FastifyRequest, spec: RateLimitSpec, body: unknown) => Promise<void>;
}

/** Collects every route so the OpenAPI document and the hostile-input test cover all of them. */
export class RouteRegistry {
  readonly routes: AnyRouteSpec[] = [];
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests whose rate limit was consumed before their upload was parsed. */
const limitedBeforeParsing = new WeakSet<FastifyRequest>();

/**
 * The one way to add a route: authorisation, CSRF, zod validation and rate limits run in that
 * order before the handler, so no route can forget one.
 */
export function defineRoute<B = undefined, Q = undefined, P = undefined>(
  app: FastifyInstance,
  registry: RouteRegistry,
  deps: RouteDependencies,
  spec: RouteSpec<B, Q, P>,
): void {
  registry.routes.push(spec);
  app.route({
    method: spec.method,
    url: spec.url,
    config: { multipart: spec.multipart, multipartFieldsOnly: spec.multipartFieldsOnly, rawBody: spec.rawBody },
    ...(spec.multipart ? { bodyLimit: spec.multipart.maxFileBytes * spec.multipart.maxFiles + 1024 * 1024 } : {}),
    // An upload is buffered while it is parsed: refuse the wrong sign-in and spent rate limits first.
    ...(spec.multipart ? {
      preParsing: async (request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) => {
        authorise(spec, request);
        if (spec.rateLimit && !spec.rateLimit.keyFields?.length) {
          await deps.consumeRateLimit(request, spec.rateLimit, {});
          limitedBeforeParsing.add(request);
        }
        return payload;
      },
    } : {}),
    handler: async (request, reply) => {
      authorise(spec, request);
      request.authorisedAs = spec.auth.kind;
      // Only routes that work on an area of the account act for it; the rest are the person's own.
      request.actingInScope = spec.auth.kind === 'account' && spec.auth.area !== undefined && request.account?.acting != null;
      if (unsafeMethods.has(spec.method) && spec.csrf !== false && spec.auth.kind !== 'api_client') deps.csrf.verify(request);
      rejectNul(request.params, 'params');
      rejectNul(request.query, 'query');
      const params = parsePart(spec.params, request.params, 'params');
      refuseCardNumbers(request.query, [], 'query');
      const query = parsePart(spec.query, request.query, 'query');
      let body: B;
      try {
        rejectNul(request.body, 'body');
        request.body = refuseCardNumbers(request.body, spec.cardNumbers?.mask ?? [], 'body');
        body = parsePart(spec.body, request.body, 'body');
      } catch (error) {
        if (error instanceof AppError && spec.onInvalid && (error.code === 'VALIDATION_FAILED' || error.code === 'CARD_NUMBER_REFUSED')) {
          reply.status(400);
          return spec.onInvalid({ request, reply, errors: [...error.fieldErrors], submitted: (request.body ?? {}) as Record<string, unknown> });
        }
        throw error;
      }
      if (spec.rateLimit && !limitedBeforeParsing.has(request)) await deps.consumeRateLimit(request, spec.rateLimit, body);
      return spec.handler({ body, query, params, request, reply, account: request.account, staff: request.staff });
    },
  });
}

function authorise(spec: AnyRouteSpec, request: FastifyRequest): void {
  const auth = spec.auth;
  if (auth.kind === 'public') return;
  if (auth.kind === 'account') {
    const account = request.account;
    if (!account) throw new AppError('UNAUTHENTICATED');
    if (!account.secondFactorVerified && !auth.allowPendingSecondFactor) throw new AppError('SECOND_FACTOR_REQUIRED');
    if (!account.emailVerified && !auth.allowUnverifiedEmail) throw new AppError('EMAIL_NOT_VERIFIED');
    // Routes without an area serve the person's own account even while they act for another.
    if (account.acting && auth.area && !account.acting.areas.includes(auth.area)) {
      throw new AppError('FORBIDDEN', `Your access to this account does not include ${auth.area}`);
    }
    return;
  }
  if (auth.kind === 'api_client') {
    const client = request.apiClient;
    if (!client) throw new AppError('UNAUTHENTICATED');
    if (!client.scopes.includes(auth.scope)) throw new AppError('FORBIDDEN');
    return;
  }
  const staff = request.staff;
  if (!staff) throw new AppError('UNAUTHENTICATED');
  if ((!staff.secondFactorVerified || staff.mustEnrolSecondFactor) && !auth.allowPendingSecondFactor) throw new AppError('SECOND_FACTOR_REQUIRED');
  const anyOf: readonly Permission[] = typeof auth.permission === 'string' ? [auth.permission] : auth.permission;
  if (!anyOf.some((permission) => roleHas(staff.role, permission))) throw new AppError('FORBIDDEN');
}

/** Masks card numbers in the route's free-text fields and refuses the request if any other field holds one. */
function refuseCardNumbers(value: unknown, mask: readonly string[], where: string): unknown {
  const { value: screened, refused } = screenCardNumbers(value, mask);
  if (refused.length > 0) {
    throw new AppError('CARD_NUMBER_REFUSED', `The ${where} contains what looks like a payment card number; card numbers are never accepted or stored here`, {
      fieldErrors: refused.map((finding) => ({ field: finding.path, message: 'Looks like a payment card number; we never accept card numbers. Pay through the payment page instead.' })),
    });
  }
  return screened;
}

/** Deeper than any of our schemas; refusing it early also keeps hostile bodies cheap to inspect. */
const maxInputDepth = 32;

/**
 * PostgreSQL text cannot hold NUL, and no field of ours needs it: refused for every route at once.
 * Walks the input iteratively, so hostile nesting cannot exhaust the stack.
 */
function rejectNul(value: unknown, where: string): void {
  const found: FieldError[] = [];
  const pending: Array<{ node: unknown; path: string[] }> = [{ node: value, path: [] }];
  while (pending.length > 0 && found.length < 20) {
    const { node, path } = pending.pop()!;
    if (path.length > maxInputDepth) throw new AppError('VALIDATION_FAILED', `The ${where} is nested too deeply`);
    if (typeof node === 'string') {
      if (node.includes('\u0000')) found.push({ field: path.join('.') || '(root)', message: 'Must not contain NUL characters' });
    } else if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) pending.push({ node: item, path: [...path, key] });
    }
  }
  if (found.length > 0) throw new AppError('VALIDATION_FAILED', `The ${where} is not valid`, { fieldErrors: found });
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', `The ${where} is not valid`, { fieldErrors: toFieldErrors(result.error) });
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}
