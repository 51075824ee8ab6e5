import type { ServerKit } from '../http/server-kit.js';
import { registerContactsRoutes } from './contacts.routes.js';
import { registerEmailChangeRoutes } from './email-change.routes.js';
import { registerProfileApiRoutes } from './profile-api.routes.js';
import { registerProfilePageRoutes } from './profile.routes.js';
import { registerStaffRectificationRoutes } from './staff-rectification.routes.js';

/** Customer profile and contacts with their change history. */
export function registerProfileCapability(kit: ServerKit): void {
  registerProfilePageRoutes(kit);
  registerProfileApiRoutes(kit);
  registerEmailChangeRoutes(kit);
  registerContactsRoutes(kit);
  registerStaffRectificationRoutes(kit);
}
