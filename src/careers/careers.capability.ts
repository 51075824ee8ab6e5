import type { ServerKit } from '../http/server-kit.js';

/** Job openings and applications, kept apart from customers. */
export function registerCareersCapability(kit: ServerKit): void {
  void kit;
}
