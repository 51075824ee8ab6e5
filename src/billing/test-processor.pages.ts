import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, hiddenCsrf, renderPage, t } from '../http/layout.js';
import type { FieldError } from '../errors/app-error.js';
import { formatMoney } from './invoice-amounts.js';
import { testCards, type CheckoutSession, type TestCard } from './test-processor.js';

/** The test processor's hosted page: test cards to choose from, never a field for a card number. */
export function renderTestCheckoutPage(request: FastifyRequest, csrfToken: string, session: CheckoutSession, token: string, problem: { declined?: TestCard; errors?: FieldError[] } = {}): SafeHtml {
  const tr = t(request);
  const amount = formatMoney(session.amountCents, session.currency, request.locale);
  const cardLabel = (card: TestCard) => tr(`billing.testProcessor.card.${card.outcome}`, { brand: card.brand === 'visa' ? 'Visa' : 'Mastercard', last4: card.last4 });
  // The session is checked before this page is drawn, so the only field that can be wrong is the card.
  const errors: FieldError[] | undefined = problem.errors?.length ? [{ field: 'card', message: tr('billing.testProcessor.chooseCard') }] : undefined;
  const fieldError = errors?.[0];
  const main = html`<p class="warning"><strong>${tr('billing.testProcessor.label')}</strong> ${tr('billing.testProcessor.explain')}</p>
${errorSummary(request, errors)}
${problem.declined ? html`<div class="error-summary" role="alert"><p>${tr('billing.testProcessor.declined', { card: cardLabel(problem.declined) })}</p></div>` : ''}
<p>${tr('billing.testProcessor.amount', { amount, number: session.invoiceNumber })}</p>
<form method="post" action="/test-processor/checkout/${session.reference}">${hiddenCsrf(csrfToken)}
<input type="hidden" name="session" value="${token}">
<fieldset${fieldError ? html` aria-describedby="field-card-error"` : ''}><legend>${tr('billing.testProcessor.legend')}</legend>
${fieldError ? html`<p class="field-error" id="field-card-error">${tr('billing.testProcessor.chooseCard')}</p>` : ''}
${testCards.map((card, i) => html`<div class="field field-checkbox"><input type="radio" id="${i === 0 ? 'field-card' : `field-card-${card.id}`}" name="card" value="${card.id}"${i === 0 ? html` required` : ''}><label for="${i === 0 ? 'field-card' : `field-card-${card.id}`}">${cardLabel(card)}</label></div>`)}
</fieldset>
<div class="actions"><button type="submit">${tr('billing.testProcessor.pay', { amount })}</button> <a href="${session.cancelUrl}">${tr('billing.testProcessor.cancel')}</a></div>
</form>`;
  return renderPage({ request, title: tr('billing.testProcessor.title'), area: 'public', main });
}
