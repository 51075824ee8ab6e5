import type { ServerKit } from '../http/server-kit.js';

/** Plan catalogue, orders, provisioning adapter, licences and licence checks. */
export function registerServicesCapability(kit: ServerKit): void {
  void kit;
}
