import type { ServerKit } from '../http/server-kit.js';
import { registerPolicyAcceptanceRoutes } from './policy-acceptance.routes.js';
import { registerPolicyConsoleRoutes } from './policy-console.routes.js';
import { registerPrivacyVersionsRoutes } from './privacy-versions.routes.js';

/** Versions of the privacy notice: public history and diffs, publishing in the console, acceptance. */
export function registerPolicyVersionsCapability(kit: ServerKit): void {
  registerPrivacyVersionsRoutes(kit);
  registerPolicyConsoleRoutes(kit);
  registerPolicyAcceptanceRoutes(kit);
}
