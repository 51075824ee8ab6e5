import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { AppError } from '../errors/app-error.js';
import { csrfToken, type ServerKit } from '../http/server-kit.js';
import { isLocalPaymentAdapter, type LocalPaymentAdapter } from './payment.adapter.js';
import { testCardIds, type CheckoutSession } from './test-processor.js';
import { renderTestCheckoutPage } from './test-processor.pages.js';

const params = z.object({ reference: z.string().regex(/^tp_[A-Za-z0-9_-]{8,64}$/) });
const session = z.string().min(1).max(4000);
const tags = ['test-processor'];

/**
 * The built-in TEST payment processor's hosted page, served by this app so a fresh instance can take
 * (pretend) payments end to end. It exists only while the local adapter is in use; with a real
 * processor plugged in, these routes answer 404.
 */
export function registerTestProcessorRoutes(kit: ServerKit): void {
  const adapter = kit.deps.adapters.payments;
  const local = (): LocalPaymentAdapter => {
    if (!isLocalPaymentAdapter(adapter)) throw new AppError('NOT_FOUND', 'No test payment processor here');
    return adapter;
  };
  const openSession = (reference: string, token: unknown): CheckoutSession => {
    const opened = typeof token === 'string' && token.length <= 4000 ? local().testProcessor.openSession(reference, token) : null;
    if (!opened) throw new AppError('NOT_FOUND', 'This checkout link is invalid or has expired');
    return opened;
  };
  const page = (request: FastifyRequest, reply: FastifyReply, opened: CheckoutSession, token: string, problem = {}) =>
    sendPage(reply, renderTestCheckoutPage(request, csrfToken(kit, request, reply), opened, token, problem));

  kit.route({
    method: 'GET', url: '/test-processor/checkout/:reference', kind: 'page', auth: { kind: 'public' }, tags, params,
    query: z.object({ session }),
    summary: 'TEST payment processor: the hosted checkout page, offering test cards to choose (no card number field).',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'Invalid or expired checkout link, or no test processor in use' } },
    handler: async ({ request, reply, params, query }) => page(request, reply, openSession(params.reference, query.session), query.session),
  });

  kit.route({
    method: 'POST', url: '/test-processor/checkout/:reference', kind: 'page', auth: { kind: 'public' }, tags, params,
    body: z.object({ session, card: z.enum(testCardIds) }),
    rateLimit: { scope: 'test-processor.pay', limit: 30, window: 'PT1M' },
    summary: 'TEST payment processor: pays with the chosen test card, sends the signed webhook shortly after and returns to the shop.',
    responses: { 303: { description: 'Back to the invoice' }, 200: { description: 'Declined: the page again, to choose another card' }, 400: { description: 'No test card chosen' }, 404: { description: 'Invalid or expired checkout link' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const reference = params.safeParse(request.params);
      if (!reference.success) throw new AppError('NOT_FOUND', 'No such checkout');
      const token = submitted.session;
      return page(request, reply, openSession(reference.data.reference, token), String(token), { errors });
    },
    handler: async ({ request, reply, params, body }) => {
      const opened = openSession(params.reference, body.session);
      const result = local().testProcessor.pay(opened, body.card);
      request.log.info({ reference: opened.reference, outcome: result.outcome }, 'test processor payment');
      if (result.outcome === 'declined') return page(request, reply, opened, body.session, { declined: result.card });
      return reply.redirect(opened.returnUrl, 303);
    },
  });
}
