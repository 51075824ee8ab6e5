import type { ServerKit } from '../http/server-kit.js';

/** Support tickets, messages, attachments, departments, internal notes. */
export function registerSupportCapability(kit: ServerKit): void {
  void kit;
}
