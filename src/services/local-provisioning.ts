import { createHash, randomBytes } from 'node:crypto';
import type {
  LicenceIssue, LicenceIssueRequest, ProvisionRequest, ProvisionedResource, ProvisioningAdapter, ProvisioningOperation, ResourceKind, ResourceStatus, VendorLicenceCheck, VendorLicenceVerdict,
} from './provisioning.adapter.js';

/**
 * How long the local panel takes to set each kind up. Short enough for a demo, long enough that
 * callers must poll, as with a real panel.
 */
export const localProvisioningDelayMs: Readonly<Record<ResourceKind, number>> = {
  shared_hosting: 5_000,
  ssl_certificate: 15_000,
  vps: 30_000,
  dedicated_server: 120_000,
};

/** The oldest major version of the licensed software the local licence server still accepts. */
export const localMinimumSoftwareMajor = 2;

export interface LocalProvisioningAdapter extends ProvisioningAdapter {
  /**
   * Moves the panel's own clock forward, like a payment processor's test clock: tests finish
   * pending operations without waiting. Never called by production code.
   */
  advanceClock(ms: number): void;
}

const kindPrefix: Readonly<Record<ResourceKind, string>> = { shared_hosting: 'web', ssl_certificate: 'crt', vps: 'vps', dedicated_server: 'srv' };
const operationPattern = /^lp1\.([0-9a-f-]{36})\.(web|crt|vps|srv)\.(\d{1,15})\.(ok|fail)$/;

/**
 * A stand-in for a real panel. Deterministic failures for testing and demos:
 * - a hostname starting with "fail-" makes provisioning fail once it has run;
 * - a licence for a server in 192.0.2.0/24 (TEST-NET-1) is refused by the licence server;
 * - software older than major version 2 is told its version is unsupported.
 * Addresses come from the documentation ranges 198.51.100.0/24 and 2001:db8::/32. Operation ids
 * carry their own due time, so pending operations survive a restart; suspensions and licences live
 * in memory (after a restart the panel reports resources it does not know as active).
 */
export function createLocalProvisioningAdapter(options: { readonly now: () => Date }): LocalProvisioningAdapter {
  let offsetMs = 0;
  const clock = () => options.now().getTime() + offsetMs;
  const operations = new Map<string, string>();
  const statuses = new Map<string, ResourceStatus>();
  const licences = new Map<string, { licenceId: string; key: string }>();
  const usedIpv4 = new Map<string, string>();

  function resourceOf(serviceId: string, kind: ResourceKind): ProvisionedResource {
    const digest = createHash('sha256').update(serviceId).digest();
    const externalId = `${kindPrefix[kind]}-${serviceId}`;
    if (kind === 'ssl_certificate') return { externalId, ipv4: null, ipv6: null };
    return { externalId, ipv4: ipv4For(externalId, kind, digest), ipv6: `2001:db8:${digest.readUInt16BE(2).toString(16)}:${digest.readUInt16BE(4).toString(16)}::1` };
  }

  /** Shared hosting shares ten addresses; servers get one of their own while the panel remembers. */
  function ipv4For(externalId: string, kind: ResourceKind, digest: Buffer): string {
    if (kind === 'shared_hosting') return `198.51.100.${10 + (digest[0]! % 10)}`;
    for (let step = 0; step < 235; step += 1) {
      const candidate = `198.51.100.${20 + ((digest[1]! + step) % 235)}`;
      const holder = usedIpv4.get(candidate);
      if (holder === undefined || holder === externalId) {
        usedIpv4.set(candidate, externalId);
        return candidate;
      }
    }
    throw new Error('The local panel has no free IPv4 address left in 198.51.100.0/24');
  }

  function decode(operationId: string) {
    const match = operationPattern.exec(operationId);
    if (!match) return null;
    const kind = (Object.entries(kindPrefix).find(([, prefix]) => prefix === match[2])?.[0] ?? 'vps') as ResourceKind;
    return { serviceId: match[1]!, kind, dueAt: Number(match[3]), fails: match[4] === 'fail' };
  }

  return {
    name: 'local',
    advanceClock(ms) {
      offsetMs += ms;
    },

    async provision(request: ProvisionRequest): Promise<ProvisioningOperation> {
      const known = operations.get(request.serviceId);
      const delay = localProvisioningDelayMs[request.kind];
      const operationId = known ?? `lp1.${request.serviceId}.${kindPrefix[request.kind]}.${clock() + delay}.${request.hostname.startsWith('fail-') ? 'fail' : 'ok'}`;
      operations.set(request.serviceId, operationId);
      return { state: 'pending', operationId, checkAfterMs: delay };
    },

    async operation(operationId: string): Promise<ProvisioningOperation> {
      const operation = decode(operationId);
      if (!operation) return { state: 'failed', reason: 'unknown_operation' };
      const left = operation.dueAt - clock();
      if (left > 0) return { state: 'pending', operationId, checkAfterMs: left };
      if (operation.fails) return { state: 'failed', reason: 'rejected_by_panel' };
      const resource = resourceOf(operation.serviceId, operation.kind);
      if (!statuses.has(resource.externalId)) statuses.set(resource.externalId, 'active');
      return { state: 'done', resource };
    },

    async suspend(externalId) {
      if (statuses.get(externalId) !== 'terminated') statuses.set(externalId, 'suspended');
    },
    async unsuspend(externalId) {
      if (statuses.get(externalId) !== 'terminated') statuses.set(externalId, 'active');
    },
    async terminate(externalId) {
      statuses.set(externalId, 'terminated');
    },
    async status(externalId) {
      return statuses.get(externalId) ?? (/^(web|crt|vps|srv|CL)-/.test(externalId) ? 'active' : 'unknown');
    },

    async issueLicence(request: LicenceIssueRequest): Promise<LicenceIssue> {
      if (request.serverIp.startsWith('192.0.2.')) return { state: 'failed', reason: 'server_ip_refused' };
      const known = licences.get(request.serviceId);
      if (known) return { state: 'issued', ...known };
      const licence = { licenceId: `CL-${base32(randomBytes(10))}`, key: base32(randomBytes(20)).match(/.{4}/g)!.join('-') };
      licences.set(request.serviceId, licence);
      statuses.set(licence.licenceId, 'active');
      return { state: 'issued', ...licence };
    },

    async checkLicence(request: VendorLicenceCheck): Promise<VendorLicenceVerdict> {
      const status = statuses.get(request.licenceId);
      if (status === 'terminated' || status === 'suspended') return { valid: false, reason: 'not_licensed' };
      const major = Number(/^v?(\d+)/.exec(request.version)?.[1] ?? Number.NaN);
      if (!(major >= localMinimumSoftwareMajor)) return { valid: false, reason: 'version_unsupported' };
      return { valid: true };
    },
  };
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Crockford-like base32 without look-alike letters, for ids people read out to support. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export function isLocalProvisioningAdapter(adapter: ProvisioningAdapter): adapter is LocalProvisioningAdapter {
  return adapter.name === 'local' && 'advanceClock' in adapter;
}
