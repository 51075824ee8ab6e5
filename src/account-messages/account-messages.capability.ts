import type { ServerKit } from '../http/server-kit.js';
import { registerAccountMessagesRoutes } from './account-messages.routes.js';

/** The account inbox. */
export function registerAccountMessagesCapability(kit: ServerKit): void {
  registerAccountMessagesRoutes(kit);
}
