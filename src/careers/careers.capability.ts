import type { ServerKit } from '../http/server-kit.js';
import { registerCareersConsoleRoutes } from './careers-console.routes.js';
import { registerCareersRoutes } from './careers.routes.js';

/** Job openings and applications, kept apart from customers. */
export function registerCareersCapability(kit: ServerKit): void {
  registerCareersRoutes(kit);
  registerCareersConsoleRoutes(kit);
}
