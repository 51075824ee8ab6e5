import { registerAccountsRoutes } from '../accounts/accounts.routes.js';
import { registerHomeRoutes } from '../home/home.routes.js';
import { registerRegisterCapability } from '../register/register.capability.js';
import { registerTwoFactorRoutes } from '../two-factor/two-factor.routes.js';
import { registerStaffRoutes } from '../staff/staff.routes.js';
import { registerCsrfRoutes } from './csrf.routes.js';
import type { ServerKit } from './server-kit.js';

/** Each capability's route registration, in one list so the server assembly stays short. */
export const capabilityRoutes: ReadonlyArray<(kit: ServerKit) => void> = [registerCsrfRoutes, registerHomeRoutes, registerAccountsRoutes, registerStaffRoutes, registerTwoFactorRoutes, registerRegisterCapability];
