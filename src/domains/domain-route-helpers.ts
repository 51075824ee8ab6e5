import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringField } from '../accounts/account-forms.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import type { ServerKit } from '../http/server-kit.js';
import type { RateLimitSpec } from '../http/route.js';
import { truncateIp } from '../http/client-info.js';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit.js';
import { localiseDetail, localiseDomainErrors } from './domain-format.js';
import type { FormValues } from './domain-forms.pages.js';

export const accountAuth = { kind: 'account', area: 'domains' } as const;
export const pageTags = ['domains'];
export const htmlPage = { 200: { description: 'HTML page' } } as const;

/** Per client address, shared by page and API: every order issues an invoice, and a registration or transfer reserves a name. */
export const domainOrderLimit: RateLimitSpec = { scope: 'domains.order', limit: 20, window: 'PT1H' };
/** Per client address, shared by page and API: every check asks the registrar. */
export const availabilityLimit: RateLimitSpec = { scope: 'domains.availability', limit: 60, window: 'PT10M' };

/** For the list page, which asks the registrar only when a name is given: counts that check alone. */
export async function consumeAvailabilityLimit(kit: ServerKit, request: FastifyRequest): Promise<void> {
  await consumeRateLimit(kit.deps.db, kit.deps.keys.rateLimit, { ...availabilityLimit, parts: [truncateIp(request.ip) ?? 'unknown'] });
}

/** Errors a domain form shows beside itself; anything else becomes the error page. */
export const formErrorCodes = new Set(['VALIDATION_FAILED', 'CONFLICT', 'EXTERNAL_SYSTEM_UNAVAILABLE']);

/** Runs a form's use case; expected failures re-render the form with their status and localised errors. */
export async function submitDomainForm(request: FastifyRequest, reply: FastifyReply, work: () => Promise<unknown>, rerender: (errors: FieldError[], formError: string | undefined) => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || !formErrorCodes.has(error.code)) throw error;
    reply.status(error.status);
    const tr = t(request);
    return rerender(localiseDomainErrors(tr, error.fieldErrors), error.fieldErrors.length > 0 ? undefined : localiseDetail(tr, error.message));
  }
}

export function submittedValues(submitted: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.keys(submitted).filter((k) => k !== '_csrf').map((k) => [k, stringField(submitted, k)]));
}

export const moneyFor = (kit: ServerKit, request: FastifyRequest) => ({ currency: kit.deps.config.billing.currency, locale: request.locale });

