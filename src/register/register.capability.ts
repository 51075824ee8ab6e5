import type { ServerKit } from '../http/server-kit.js';
import { registerPrivacyNoticeRoutes } from '../privacy-notice/privacy-notice.routes.js';
import { registerRegisterConsoleRoutes } from './register-console.routes.js';
import { registerRegisterRoutes } from './register.routes.js';

/** The processing register's API and the notice generated from it, as one capability entry. */
export function registerRegisterCapability(kit: ServerKit): void {
  registerRegisterRoutes(kit);
  registerRegisterConsoleRoutes(kit);
  registerPrivacyNoticeRoutes(kit);
}
