import { z } from 'zod';
import { systemActor } from '../context/request-context.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { receivePaymentWebhook } from './receive-payment-webhook.js';

/**
 * The payment processor's webhook. No cookie and no CSRF token: the processor proves itself by an
 * HMAC signature over the exact body (kept as request.rawBody), checked before anything is read.
 */
export function registerPaymentsWebhookRoute(kit: ServerKit): void {
  const { deps } = kit;
  kit.route({
    method: 'POST', url: '/api/v1/payments/webhook', kind: 'api', auth: { kind: 'public' }, tags: ['billing'], csrf: false, rawBody: true,
    summary: 'Payment events from the payment processor, signed (HMAC-SHA256 over "timestamp.body"); unsigned, wrongly signed or stale events are refused with 401 and recorded.',
    rateLimit: { scope: 'payments.webhook', limit: 600, window: 'PT1M' },
    responses: {
      200: { description: 'Received (applied, or a duplicate that changed nothing)', schema: z.object({ received: z.literal(true), outcome: z.enum(['processed', 'duplicate', 'ignored']) }) },
      400: { description: 'Signed, but the event could not be read' },
      401: { description: 'Signature missing, wrong or outside the five-minute window (WEBHOOK_SIGNATURE_INVALID)' },
    },
    handler: async ({ request }) => {
      // The processor, proven by its signature, is the actor; the request id ties the audit to the log.
      const context = { ...contextOf(request, 'dpv:ServiceProvision'), actor: systemActor };
      return { received: true as const, outcome: await receivePaymentWebhook(deps, context, request.rawBody, request.headers) };
    },
  });
}
