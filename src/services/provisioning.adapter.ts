import type { PlanKind } from './services.tables.js';

/**
 * The provider's provisioning system (control panel, hypervisor, certificate authority, licence
 * server). Custodian only talks to it through this interface; the built-in local implementation
 * (local-provisioning.ts) behaves like one. Every method may throw when the system is unreachable;
 * callers run in retried jobs, so implementations must make repeated calls safe (idempotent).
 */
export interface ProvisioningAdapter {
  readonly name: string;
  /** Starts setting up a resource. A repeated request with the same serviceId is the same order. */
  provision(request: ProvisionRequest): Promise<ProvisioningOperation>;
  /** The state of an operation `provision` answered as pending; callers poll after `checkAfterMs`. */
  operation(operationId: string): Promise<ProvisioningOperation>;
  /** Blocks use of a resource (or licence) without deleting it. Suspending a suspended one is a no-op. */
  suspend(externalId: string): Promise<void>;
  unsuspend(externalId: string): Promise<void>;
  /** Deletes the resource (or revokes the licence) for good. Terminating twice is a no-op. */
  terminate(externalId: string): Promise<void>;
  status(externalId: string): Promise<ResourceStatus>;
  /** Issues a licence bound to one server IP. A repeated request with the same serviceId returns the same licence. */
  issueLicence(request: LicenceIssueRequest): Promise<LicenceIssue>;
  /**
   * The vendor's own verdict on a licence Custodian already found bound to the server (e.g. the
   * software version it still supports). Custodian decides binding and contract state itself.
   */
  checkLicence(request: VendorLicenceCheck): Promise<VendorLicenceVerdict>;
}

/** Plan kinds set up as resources; licences are issued instead. */
export type ResourceKind = Exclude<PlanKind, 'panel_licence'>;

export interface ProvisionRequest {
  readonly serviceId: string;
  readonly kind: ResourceKind;
  readonly planCode: string;
  /** Domain for hosting and certificates, server hostname for VPS and dedicated servers. */
  readonly hostname: string;
}

export interface ProvisionedResource {
  readonly externalId: string;
  readonly ipv4: string | null;
  readonly ipv6: string | null;
}

export type ProvisioningOperation =
  | { readonly state: 'pending'; readonly operationId: string; readonly checkAfterMs: number }
  | { readonly state: 'done'; readonly resource: ProvisionedResource }
  /** `reason` is a short code from the provisioning system, stored and shown to staff. */
  | { readonly state: 'failed'; readonly reason: string };

export type ResourceStatus = 'active' | 'suspended' | 'terminated' | 'unknown';

export interface LicenceIssueRequest {
  readonly serviceId: string;
  readonly planCode: string;
  readonly serverIp: string;
}

export type LicenceIssue =
  | { readonly state: 'issued'; readonly licenceId: string; readonly key: string }
  | { readonly state: 'failed'; readonly reason: string };

export interface VendorLicenceCheck {
  readonly licenceId: string;
  readonly serverIp: string;
  readonly version: string;
}

export type VendorLicenceVerdict = { readonly valid: true } | { readonly valid: false; readonly reason: 'version_unsupported' | 'not_licensed' };

export { createLocalProvisioningAdapter, isLocalProvisioningAdapter, type LocalProvisioningAdapter } from './local-provisioning.js';
