import type { ServerKit } from '../http/server-kit.js';

/** Staff views of customers with reason for access, abuse suspension. */
export function registerCustomerRecordsCapability(kit: ServerKit): void {
  void kit;
}
