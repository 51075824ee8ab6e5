import { createHash } from 'node:crypto';
import { addDuration } from '../config/duration.js';
import type { AvailabilityResult, RegistrarAdapter, RegistrarCall, RegistrarFailureReason, RegistrarOperation } from './registrar.adapter.js';
import { RegistrarUnavailableError } from './registrar.adapter.js';

export interface LocalRegistryOptions {
  readonly now: () => Date;
  /** How long operations stay pending (ISO-8601); real registries take minutes, transfers days. */
  readonly delays?: { readonly register?: string; readonly transfer?: string; readonly renew?: string };
}

const defaultDelays = { register: 'PT2M', transfer: 'P5D', renew: 'PT1M' };
const reservedLabels = new Set(['nic', 'whois', 'rdap', 'registry', 'example']);

/**
 * The auth code the local registry expects for transferring `fqdn` away from its current
 * registrar. Real auth codes come from the losing registrar; this one is derived from the name so
 * tests and the demo can know it.
 */
export function localRegistryAuthCode(fqdn: string): string {
  return createHash('sha256').update(`custodian-local-registry:${fqdn.toLowerCase()}`).digest('base64url').slice(0, 16);
}

/**
 * A registry without a server, deterministic by name so that every process and every restart
 * agrees with itself:
 * - names whose first label contains "taken" are registered elsewhere (and can be transferred in
 *   with localRegistryAuthCode); "nic", "whois", "rdap", "registry", "example" are reserved;
 * - names containing "rejected" are accepted, then refused by the registry when the operation ends;
 * - names containing "unreachable" make every call throw RegistrarUnavailableError (an outage);
 * - register, transfer and renew stay pending for their delay, then finish with an expiry date;
 * - a wrong auth code fails the transfer at once, as EPP does.
 * The state of an operation travels in its id, so nothing is kept in memory.
 */
export function createLocalRegistrarAdapter(options: LocalRegistryOptions): RegistrarAdapter {
  const delays = { ...defaultDelays, ...options.delays };
  const at = (call: RegistrarCall | undefined): Date => call?.at ?? options.now();

  function availability(fqdn: string): AvailabilityResult {
    const label = fqdn.split('.')[0] ?? '';
    if (label.includes('taken')) return { available: false, reason: 'registered' };
    if (reservedLabels.has(label)) return { available: false, reason: 'reserved' };
    return { available: true };
  }

  function reachable(fqdn: string): void {
    if (fqdn.includes('unreachable')) throw new RegistrarUnavailableError('The local test registry simulates an outage for this name');
  }

  function pending(kind: string, readyAt: Date, outcome: string): RegistrarOperation {
    return { status: 'pending', operationId: `lr1.${kind}.${readyAt.getTime()}.${outcome}`, checkAfter: readyAt };
  }

  const failed = (reason: RegistrarFailureReason): RegistrarOperation => ({ status: 'failed', operationId: null, reason });
  const tooLong = (expiry: Date, now: Date) => expiry.getTime() > addDuration(now, 'P10Y').getTime();

  return {
    name: 'local-test-registry',

    async checkAvailability(fqdn, call) {
      reachable(fqdn);
      void call;
      return availability(fqdn);
    },

    async register(command, call) {
      reachable(command.fqdn);
      const now = at(call);
      if (!availability(command.fqdn).available) return failed('not_available');
      const readyAt = addDuration(now, delays.register);
      const expiresAt = addDuration(readyAt, `P${command.years}Y`);
      if (tooLong(expiresAt, readyAt)) return failed('period_too_long');
      return pending('register', readyAt, command.fqdn.includes('rejected') ? 'fail-rejected_by_registry' : `exp${expiresAt.getTime()}`);
    },

    async transfer(command, call) {
      reachable(command.fqdn);
      const now = at(call);
      if (availability(command.fqdn).available) return failed('not_registered');
      if (command.authCode !== localRegistryAuthCode(command.fqdn)) return failed('auth_code_invalid');
      const readyAt = addDuration(now, delays.transfer);
      // The losing registrar's expiry, stable per name; a completed transfer adds one year to it.
      const daysLeft = 30 + (createHash('sha256').update(command.fqdn).digest().readUInt16BE(0) % 300);
      const expiresAt = addDuration(addDuration(now, `P${daysLeft}D`), 'P1Y');
      return pending('transfer', readyAt, command.fqdn.includes('rejected') ? 'fail-rejected_by_registry' : `exp${expiresAt.getTime()}`);
    },

    async renew(command, call) {
      reachable(command.fqdn);
      const now = at(call);
      const expiresAt = addDuration(command.currentExpiry, `P${command.years}Y`);
      if (tooLong(expiresAt, now)) return failed('period_too_long');
      return pending('renew', addDuration(now, delays.renew), `exp${expiresAt.getTime()}`);
    },

    async updateContact(command, call) {
      reachable(command.fqdn);
      return { status: 'done', operationId: `lr1.contact.${at(call).getTime()}.ok`, expiresAt: null };
    },

    async operationStatus(operationId, call) {
      const match = /^lr1\.(register|transfer|renew)\.(\d+)\.(exp(\d+)|fail-([a-z_]+))$/.exec(operationId);
      if (!match) return failed('unknown_operation');
      const readyAt = new Date(Number(match[2]));
      if (at(call).getTime() < readyAt.getTime()) return { status: 'pending', operationId, checkAfter: readyAt };
      if (match[4]) return { status: 'done', operationId, expiresAt: new Date(Number(match[4])) };
      return { status: 'failed', operationId, reason: match[5] as RegistrarFailureReason };
    },
  };
}
