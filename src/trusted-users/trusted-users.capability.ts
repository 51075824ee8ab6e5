import type { ServerKit } from '../http/server-kit.js';
import { registerActingRoutes } from './acting.routes.js';
import { registerTrustedUsersApi } from './trusted-users-api.routes.js';
import { registerTrustedUsersRoutes } from './trusted-users.routes.js';

/** Trusted users: invitations, area grants, acting for another account. */
export function registerTrustedUsersCapability(kit: ServerKit): void {
  registerActingRoutes(kit);
  registerTrustedUsersRoutes(kit);
  registerTrustedUsersApi(kit);
}
