import type { ServerKit } from '../http/server-kit.js';
import { registerCommunityConsoleRoutes } from './community-console.routes.js';
import { registerCommunityRoutes } from './community.routes.js';

/** Public announcements and customer comments. */
export function registerCommunityCapability(kit: ServerKit): void {
  registerCommunityRoutes(kit);
  registerCommunityConsoleRoutes(kit);
}
