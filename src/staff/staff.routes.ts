import { registerAuditRoutes } from '../audit/audit.routes.js';
import type { ServerKit } from '../http/server-kit.js';
import { registerSetupRoutes } from '../setup/setup.routes.js';
import { registerConsoleRoutes } from './console.routes.js';
import { registerStaffMemberApi } from './staff-members.api.js';
import { registerStaffMemberRoutes } from './staff-members.routes.js';
import { registerStaffSettingsRoutes } from './staff-settings.routes.js';
import { registerStaffSetupRoutes } from './staff-setup.routes.js';
import { registerStaffSignInRoutes } from './staff-sign-in.routes.js';

/** The staff console: sign-in, setup links, shell, staff, settings, audit trail, and first-owner setup. */
export function registerStaffRoutes(kit: ServerKit): void {
  registerStaffSignInRoutes(kit);
  registerStaffSetupRoutes(kit);
  registerConsoleRoutes(kit);
  registerStaffMemberRoutes(kit);
  registerStaffMemberApi(kit);
  registerStaffSettingsRoutes(kit);
  registerAuditRoutes(kit);
  registerSetupRoutes(kit);
}
