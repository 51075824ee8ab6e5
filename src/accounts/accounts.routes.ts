import type { ServerKit } from '../http/server-kit.js';
import { registerAccountOverviewRoutes } from './account-overview.routes.js';
import { registerPasswordRoutes } from './password.routes.js';
import { registerSignInRoutes } from './sign-in.routes.js';
import { registerSignUpRoutes } from './sign-up.routes.js';
import { registerVerifyEmailRoutes } from './verify-email.routes.js';

/** Customer account lifecycle: sign-up, verification, sign-in/out, passwords, overview. */
export function registerAccountsRoutes(kit: ServerKit): void {
  registerSignUpRoutes(kit);
  registerVerifyEmailRoutes(kit);
  registerSignInRoutes(kit);
  registerPasswordRoutes(kit);
  registerAccountOverviewRoutes(kit);
}
