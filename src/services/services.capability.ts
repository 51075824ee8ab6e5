import type { ServerKit } from '../http/server-kit.js';
import { registerLicenceCheckRoutes } from './licence-check.routes.js';
import { registerServicesApiRoutes } from './services.api.js';
import { registerServicesConsoleRoutes } from './services-console.routes.js';
import { registerServicesPageRoutes } from './services.routes.js';

/** Plan catalogue, orders, provisioning adapter, licences and licence checks. */
export function registerServicesCapability(kit: ServerKit): void {
  registerServicesPageRoutes(kit);
  registerServicesApiRoutes(kit);
  registerServicesConsoleRoutes(kit);
  registerLicenceCheckRoutes(kit);
}
