import type { ServerKit } from '../http/server-kit.js';

/** Invoices, credit notes, payments through the payment adapter. */
export function registerBillingCapability(kit: ServerKit): void {
  void kit;
}
