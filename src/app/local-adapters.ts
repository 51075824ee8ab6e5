import { createLocalPaymentAdapter } from '../billing/payment.adapter.js';
import type { Config } from '../config/load-config.js';
import { deriveKey } from '../crypto/envelope.js';
import { createLocalRegistrarAdapter } from '../domains/registrar.adapter.js';
import type { Adapters } from '../http/app-deps.js';
import { createLocalProvisioningAdapter } from '../services/provisioning.adapter.js';

/** The built-in stand-ins for the provider's provisioning, registrar and payment systems. */
export function createLocalAdapters(config: Config, masterKey: Buffer, now: () => Date): Adapters {
  return {
    provisioning: createLocalProvisioningAdapter({ now }),
    registrar: createLocalRegistrarAdapter({ now }),
    payments: createLocalPaymentAdapter({ now, publicUrl: config.http.publicUrl, webhookSecret: deriveKey(masterKey, 'test-payment-processor-webhook') }),
  };
}
