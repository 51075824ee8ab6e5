import type { ServerKit } from '../http/server-kit.js';
import { registerCookieConsentHook } from './consent-request.js';
import { registerCookieConsentRoutes } from './cookie-consent.routes.js';

/** The cookie banner, its settings page, the integration example and Global Privacy Control. */
export function registerCookieConsentCapability(kit: ServerKit): void {
  registerCookieConsentHook(kit);
  registerCookieConsentRoutes(kit);
}
