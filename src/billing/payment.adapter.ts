/**
 * The payment processor. Custodian never sees a card: the customer pays on the processor's hosted
 * page, and the processor reports the outcome by a signed webhook. A provider plugs in their
 * processor by implementing this interface; the built-in one is a local test processor.
 */
export interface PaymentAdapter {
  /** Stored with each payment; also names the processor in webhook records. */
  readonly name: string;
  /**
   * Origin of the processor's hosted checkout page when it is not this site (e.g.
   * https://checkout.example-processor.com): "Pay now" answers a redirect there, which the pay route's
   * CSP form-action must allow. Leave unset for a processor served from this site.
   */
  readonly checkoutOrigin?: string;
  /** Opens a hosted checkout for one invoice's amount due; the browser is sent to `checkoutUrl`. */
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Checks the signature over the exact bytes received and returns the event. Throws
   * WebhookRefusedError for a missing, wrong or stale signature or an unreadable event.
   */
  verifyWebhook(rawBody: string | undefined, headers: Readonly<Record<string, string | string[] | undefined>>): PaymentEvent;
  /** Gives back (part of) a succeeded payment; the same idempotency key never refunds twice. */
  refund(request: RefundRequest): Promise<Refund>;
}

export interface CheckoutRequest {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly amountCents: number;
  readonly currency: string;
  /** Absolute URL the processor sends the browser back to after paying. */
  readonly returnUrl: string;
  /** Absolute URL for "cancel and go back". */
  readonly cancelUrl: string;
  readonly locale: string;
}

export interface Checkout {
  readonly processorReference: string;
  readonly checkoutUrl: string;
  /** When the processor stops accepting payment on this checkout; until then "Pay now" reuses it. */
  readonly expiresAt?: Date;
}

export type PaymentEventType = 'payment.succeeded' | 'payment.failed';

export interface PaymentEvent {
  /** Unique per processor; a redelivered event carries the same id. */
  readonly eventId: string;
  readonly type: PaymentEventType;
  readonly processorReference: string;
  readonly amountCents: number;
  readonly currency: string;
  /** Brand and last four digits only; processors never send more, and we would not store it. */
  readonly card: { readonly brand: string; readonly last4: string } | null;
}

export interface RefundRequest {
  readonly processorReference: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly idempotencyKey: string;
}

export interface Refund {
  readonly refundReference: string;
  readonly status: 'succeeded' | 'pending' | 'failed';
}

export const webhookRefusalReasons = ['signature_missing', 'signature_malformed', 'signature_invalid', 'timestamp_outside_tolerance', 'body_missing', 'event_malformed'] as const;
export type WebhookRefusalReason = (typeof webhookRefusalReasons)[number];

/** Why a webhook was not accepted; `claimedEventId` is the body's id when it looks like one (never trusted). */
export class WebhookRefusedError extends Error {
  override readonly name = 'WebhookRefusedError';
  constructor(readonly reason: WebhookRefusalReason, readonly claimedEventId: string | null) {
    super(`Webhook refused: ${reason}`);
  }
}

export { createLocalPaymentAdapter, isLocalPaymentAdapter, type LocalPaymentAdapter } from './test-processor.js';
