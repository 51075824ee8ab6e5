import type { ServerKit } from '../http/server-kit.js';
import { registerBillingConsoleRoutes } from './billing-console.routes.js';
import { registerBillingRoutes } from './billing.routes.js';
import { registerPaymentsWebhookRoute } from './payments-webhook.routes.js';
import { registerTestProcessorRoutes } from './test-processor.routes.js';

/** Invoices, credit notes, payments through the payment adapter. */
export function registerBillingCapability(kit: ServerKit): void {
  registerBillingRoutes(kit);
  registerBillingConsoleRoutes(kit);
  registerPaymentsWebhookRoute(kit);
  registerTestProcessorRoutes(kit);
}
