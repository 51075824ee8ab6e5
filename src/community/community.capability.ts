import type { ServerKit } from '../http/server-kit.js';

/** Public announcements and customer comments. */
export function registerCommunityCapability(kit: ServerKit): void {
  void kit;
}
