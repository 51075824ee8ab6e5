import type { ServerKit } from '../http/server-kit.js';
import { registerDomainsApiRoutes } from './domains-api.routes.js';
import { registerDomainsConsoleRoutes } from './domains-console.routes.js';
import { registerDomainsRoutes } from './domains.routes.js';

/** Domains through the registrar adapter, contacts, identity documents, publication choice. */
export function registerDomainsCapability(kit: ServerKit): void {
  registerDomainsRoutes(kit);
  registerDomainsApiRoutes(kit);
  registerDomainsConsoleRoutes(kit);
}
