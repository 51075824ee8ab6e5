import type { ServerKit } from '../http/server-kit.js';

/** Trusted users: invitations, area grants, acting for another account. */
export function registerTrustedUsersCapability(kit: ServerKit): void {
  void kit;
}
