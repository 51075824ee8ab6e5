import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Checkout, CheckoutRequest, PaymentAdapter, PaymentEvent, Refund, RefundRequest } from './payment.adapter.js';
import { WebhookRefusedError } from './payment.adapter.js';
import { checkWebhookSignature, signWebhookBody, testSignatureHeader } from './webhook-signature.js';

/** The test cards the hosted page offers: choices, never a card number field. */
export const testCards = [
  { id: 'visa-4242', brand: 'visa', last4: '4242', outcome: 'succeeded' },
  { id: 'mastercard-4444', brand: 'mastercard', last4: '4444', outcome: 'succeeded' },
  { id: 'visa-0002', brand: 'visa', last4: '0002', outcome: 'declined' },
] as const;
export type TestCard = (typeof testCards)[number];
export type TestCardId = TestCard['id'];
export const testCardIds = testCards.map((card) => card.id) as [TestCardId, ...TestCardId[]];

/** What the hosted page shows; carried in a signed token so any process can serve the page. */
export interface CheckoutSession {
  readonly reference: string;
  readonly invoiceNumber: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly returnUrl: string;
  readonly cancelUrl: string;
  readonly locale: string;
  readonly expiresAt: number;
}

export interface LocalPaymentAdapter extends PaymentAdapter {
  /** The hosted page's side of the test processor, served by this app under /test-processor. */
  readonly testProcessor: {
    /** The session behind a checkout link, or null when the link is forged, altered or expired. */
    openSession(reference: string, token: string): CheckoutSession | null;
    /** Charges the chosen test card: queues the signed webhook and says where the browser goes next. */
    pay(session: CheckoutSession, cardId: TestCardId): { outcome: 'succeeded' | 'declined'; card: TestCard };
  };
  /** Signs a body as the processor does (for integrators' and our own tests). */
  signWebhook(body: string, at: Date): string;
  /** Resolves once every queued webhook delivery has finished (delivered or given up). */
  whenDelivered(): Promise<void>;
}

export function isLocalPaymentAdapter(adapter: PaymentAdapter): adapter is LocalPaymentAdapter {
  return 'testProcessor' in adapter;
}

/** Seconds a checkout link stays usable, like a real processor's session expiry. */
const sessionSeconds = 3600;
/** A real processor sends webhooks a moment after the payment and retries failed deliveries. */
const deliveryDelaysMs = [100, 1000, 5000, 20000];

const sessionSchema = z.object({
  reference: z.string(), invoiceNumber: z.string(), amountCents: z.number().int().positive(), currency: z.string(),
  returnUrl: z.string(), cancelUrl: z.string(), locale: z.string(), expiresAt: z.number().int(),
});

const eventSchema = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_-]{8,64}$/),
  type: z.enum(['payment.succeeded', 'payment.failed']),
  created: z.number().int(),
  data: z.object({
    reference: z.string().regex(/^tp_[A-Za-z0-9_-]{8,64}$/),
    amount: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    card: z.object({ brand: z.string().regex(/^[a-z_]{1,20}$/), last4: z.string().regex(/^\d{4}$/) }).nullable(),
  }),
});

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The body's id, only when it looks like an event id: refused bodies are never trusted or stored. */
function claimedEventId(rawBody: string | undefined): string | null {
  if (!rawBody || rawBody.length > 100_000) return null;
  try {
    const id = (JSON.parse(rawBody) as { id?: unknown }).id;
    return typeof id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * The built-in test processor. It behaves like a hosted-page processor: a checkout link per invoice,
 * a page offering test cards, a signed webhook POSTed shortly after the payment to the webhook route
 * under the configured public URL, retried a few times.
 */
export function createLocalPaymentAdapter(options: { readonly now: () => Date; readonly publicUrl: string; readonly webhookSecret: Buffer }): LocalPaymentAdapter {
  const sessionKey = createHmac('sha256', options.webhookSecret).update('test-processor checkout sessions').digest();
  const deliveries = new Set<Promise<void>>();

  const sealSession = (session: CheckoutSession): string => {
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return `${payload}.${createHmac('sha256', sessionKey).update(payload).digest('base64url')}`;
  };

  // Only the configured public URL (which may carry a path prefix): never a request's Host header.
  const base = options.publicUrl.replace(/\/+$/, '');

  const deliver = (url: string, body: string): void => {
    const delivery = (async () => {
      for (const delay of deliveryDelaysMs) {
        await wait(delay);
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [testSignatureHeader]: signWebhookBody(options.webhookSecret, body, options.now()) }, body });
          if (response.ok) return;
        } catch {
          // Unreachable now; the next attempt may succeed, as with a real processor.
        }
      }
    })();
    deliveries.add(delivery);
    void delivery.finally(() => deliveries.delete(delivery));
  };

  return {
    name: 'local-test-processor',

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const reference = `tp_${randomBytes(12).toString('base64url')}`;
      const session: CheckoutSession = {
        reference, invoiceNumber: request.invoiceNumber, amountCents: request.amountCents, currency: request.currency,
        returnUrl: request.returnUrl, cancelUrl: request.cancelUrl, locale: request.locale,
        expiresAt: Math.floor(options.now().getTime() / 1000) + sessionSeconds,
      };
      const checkoutUrl = `${base}/test-processor/checkout/${reference}?session=${sealSession(session)}`;
      return { processorReference: reference, checkoutUrl, expiresAt: new Date(session.expiresAt * 1000) };
    },

    verifyWebhook(rawBody, headers): PaymentEvent {
      if (rawBody === undefined || rawBody === '') throw new WebhookRefusedError('body_missing', null);
      const refusal = checkWebhookSignature(options.webhookSecret, rawBody, headerValue(headers, testSignatureHeader), options.now());
      if (refusal) throw new WebhookRefusedError(refusal, claimedEventId(rawBody));
      let parsed: z.infer<typeof eventSchema>;
      try {
        parsed = eventSchema.parse(JSON.parse(rawBody));
      } catch {
        throw new WebhookRefusedError('event_malformed', claimedEventId(rawBody));
      }
      return { eventId: parsed.id, type: parsed.type, processorReference: parsed.data.reference, amountCents: parsed.data.amount, currency: parsed.data.currency, card: parsed.data.card };
    },

    async refund(request: RefundRequest): Promise<Refund> {
      // Deterministic per idempotency key: asking again returns the same refund, as real processors do.
      const digest = createHash('sha256').update(`${request.processorReference}:${request.idempotencyKey}`).digest('base64url').slice(0, 24);
      return { refundReference: `tp_re_${digest}`, status: 'succeeded' };
    },

    testProcessor: {
      openSession(reference, token) {
        const [payload = '', signature = ''] = token.split('.');
        const expected = createHmac('sha256', sessionKey).update(payload).digest();
        const given = Buffer.from(signature, 'base64url');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
        const parsed = sessionSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
        if (!parsed.success || parsed.data.reference !== reference) return null;
        if (parsed.data.expiresAt < options.now().getTime() / 1000) return null;
        return parsed.data;
      },

      pay(session, cardId) {
        const card = testCards.find((c) => c.id === cardId)!;
        const event = {
          id: `evt_${randomBytes(12).toString('base64url')}`,
          type: card.outcome === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
          created: Math.floor(options.now().getTime() / 1000),
          data: { reference: session.reference, amount: session.amountCents, currency: session.currency, card: { brand: card.brand, last4: card.last4 } },
        };
        deliver(`${base}/api/v1/payments/webhook`, JSON.stringify(event));
        return { outcome: card.outcome, card };
      },
    },

    signWebhook: (body, at) => signWebhookBody(options.webhookSecret, body, at),

    async whenDelivered() {
      while (deliveries.size > 0) await Promise.allSettled([...deliveries]);
    },
  };
}
