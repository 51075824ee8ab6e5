import type { ServerKit } from '../http/server-kit.js';

/** Customer profile and contacts with their change history. */
export function registerProfileCapability(kit: ServerKit): void {
  void kit;
}
