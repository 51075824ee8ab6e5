import type { ServerKit } from '../http/server-kit.js';
import { registerSupportApiRoutes } from './support.api.js';
import { registerSupportConsoleRoutes } from './support-console.routes.js';
import { registerSupportPageRoutes } from './support.routes.js';

/** Support tickets, messages, attachments, departments, internal notes. */
export function registerSupportCapability(kit: ServerKit): void {
  registerSupportPageRoutes(kit);
  registerSupportApiRoutes(kit);
  registerSupportConsoleRoutes(kit);
}
