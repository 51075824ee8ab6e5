import type { ServerKit } from '../http/server-kit.js';

/** Domains through the registrar adapter, contacts, identity documents, publication choice. */
export function registerDomainsCapability(kit: ServerKit): void {
  void kit;
}
