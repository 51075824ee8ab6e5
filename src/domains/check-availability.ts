import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { parseDomainName } from './domain-names.js';
import { findTld, isHeldHere, type TldRow } from './domains.store.js';
import { RegistrarUnavailableError, type AvailabilityResult, type RegistrarCall } from './registrar.adapter.js';

export type AvailabilityDeps = Pick<AppDeps, 'db' | 'adapters' | 'now'>;

export interface Availability {
  readonly fqdn: string;
  readonly tld: TldRow;
  readonly available: boolean;
  /** Why not: registered elsewhere, reserved by the registry, or already held by a customer here. */
  readonly reason: 'registered' | 'reserved' | 'held_here' | null;
}

/** A name under a TLD we sell; anything else is a field error on `field`. */
export async function resolveOfferedName(deps: Pick<AppDeps, 'db'>, input: string, field: string): Promise<{ fqdn: string; tld: TldRow }> {
  const name = parseDomainName(input);
  if (!name) throw new AppError('VALIDATION_FAILED', 'The domain name is not valid', { fieldErrors: [{ field, message: 'must be a domain name such as example.com' }] });
  const tld = await findTld(deps.db, name.tld);
  if (!tld) throw new AppError('VALIDATION_FAILED', `We do not offer .${name.tld} domains`, { fieldErrors: [{ field, message: `we do not offer .${name.tld} domains` }] });
  return { fqdn: name.fqdn, tld };
}

export function registrarCall(deps: Pick<AppDeps, 'now'>, requestId: string = randomUUID()): RegistrarCall {
  return { requestId, at: deps.now() };
}

/** Runs a registrar call for a person waiting on a page: an outage becomes a clear 503. */
export async function askRegistrar<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RegistrarUnavailableError) throw new AppError('EXTERNAL_SYSTEM_UNAVAILABLE', 'The domain registry is not answering; try again in a few minutes', { cause: error });
    throw error;
  }
}

/** Asks the registrar whether a name is free, and whether a customer here already holds it. */
export async function checkAvailability(deps: AvailabilityDeps, input: string, field = 'name'): Promise<Availability> {
  const { fqdn, tld } = await resolveOfferedName(deps, input, field);
  if (await isHeldHere(deps.db, fqdn)) return { fqdn, tld, available: false, reason: 'held_here' };
  const answer: AvailabilityResult = await askRegistrar(() => deps.adapters.registrar.checkAvailability(fqdn, registrarCall(deps)));
  return answer.available ? { fqdn, tld, available: true, reason: null } : { fqdn, tld, available: false, reason: answer.reason };
}
