/**
 * The registrar or registry connection (EPP or a reseller API) behind one interface; built-in: a
 * local test registry (local-registry.ts) that behaves like a real one.
 *
 * Registries work asynchronously: a command answers either with its result or with an operation
 * that is still pending, which Custodian asks about again after `checkAfter` (a job with runAt).
 * An adapter throws (e.g. RegistrarUnavailableError) only when the registrar cannot be reached;
 * the job then retries with backoff. Refusals are results: `{ status: 'failed', reason }`.
 */
export interface RegistrarAdapter {
  readonly name: string;
  /** Whether the name can be registered now. */
  checkAvailability(fqdn: string, call: RegistrarCall): Promise<AvailabilityResult>;
  register(command: RegisterCommand, call: RegistrarCall): Promise<RegistrarOperation>;
  /** Asks the registry to move a domain to us; the losing registrar's auth code proves the holder agrees. */
  transfer(command: TransferCommand, call: RegistrarCall): Promise<RegistrarOperation>;
  renew(command: RenewCommand, call: RegistrarCall): Promise<RegistrarOperation>;
  /** Replaces one contact of a domain at the registry. */
  updateContact(command: UpdateContactCommand, call: RegistrarCall): Promise<RegistrarOperation>;
  /** The current state of an operation a command left pending. */
  operationStatus(operationId: string, call: RegistrarCall): Promise<RegistrarOperation>;
}

/**
 * Per-call context. `requestId` is Custodian's id for the command (like EPP's clTRID): sending the
 * same id again must not register or renew twice. `at` is Custodian's clock when it sends the
 * command; a real registrar uses its own clock, the local registry uses this one so that moving
 * time in tests moves the registry too.
 */
export interface RegistrarCall {
  readonly requestId: string;
  readonly at: Date;
}

export interface RegistrarContact {
  readonly name: string;
  readonly organisation: string | null;
  readonly email: string;
  readonly phone: string;
  readonly address: { readonly street: string; readonly postalCode: string; readonly city: string; readonly country: string };
}

export interface RegistrarContacts {
  readonly registrant: RegistrarContact;
  readonly admin: RegistrarContact;
  readonly tech: RegistrarContact;
  readonly billing: RegistrarContact;
}

export interface RegisterCommand {
  readonly fqdn: string;
  readonly years: number;
  readonly contacts: RegistrarContacts;
  /** The registrant's choice; registries that publish contact data hide it unless true. */
  readonly publishContactData: boolean;
}

export interface TransferCommand {
  readonly fqdn: string;
  readonly authCode: string;
  readonly contacts: RegistrarContacts;
}

export interface RenewCommand {
  readonly fqdn: string;
  readonly years: number;
  /** EPP renew names the current expiry date, so a repeated renewal cannot add years twice. */
  readonly currentExpiry: Date;
}

export interface UpdateContactCommand {
  readonly fqdn: string;
  readonly role: 'registrant' | 'admin' | 'tech' | 'billing';
  readonly contact: RegistrarContact;
}

export type AvailabilityResult = { readonly available: true } | { readonly available: false; readonly reason: 'registered' | 'reserved' };

/** Why a registry refused; stored as a reason code, shown to people through the catalogue. */
export const registrarFailureReasons = ['not_available', 'not_registered', 'auth_code_invalid', 'rejected_by_registry', 'period_too_long', 'unknown_operation'] as const;
export type RegistrarFailureReason = (typeof registrarFailureReasons)[number];

export type RegistrarOperation =
  | { readonly status: 'pending'; readonly operationId: string; readonly checkAfter: Date }
  | { readonly status: 'done'; readonly operationId: string; readonly expiresAt: Date | null }
  | { readonly status: 'failed'; readonly operationId: string | null; readonly reason: RegistrarFailureReason };

/** The registrar did not answer; the caller retries later. */
export class RegistrarUnavailableError extends Error {
  override readonly name = 'RegistrarUnavailableError';
}

export { createLocalRegistrarAdapter, localRegistryAuthCode } from './local-registry.js';
