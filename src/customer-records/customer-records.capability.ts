import type { ServerKit } from '../http/server-kit.js';
import { registerAbuseSuspensionRoutes } from './abuse-suspension.routes.js';
import { registerCustomerListRoutes } from './customer-list.routes.js';
import { registerCustomerRecordRoutes } from './customer-record.routes.js';

/** Staff views of customers with reason for access, abuse suspension. */
export function registerCustomerRecordsCapability(kit: ServerKit): void {
  registerCustomerListRoutes(kit);
  registerCustomerRecordRoutes(kit);
  registerAbuseSuspensionRoutes(kit);
}
