import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, hiddenCsrf, t } from '../http/layout.js';
import { textArea } from './customer-record.pages.js';
import type { AbuseBlockRow, AccountSummaryRow } from './customer-records.store.js';
import { abuseCategories } from './customer-records.tables.js';
import { abuseNoteLength } from './suspend-account.js';

export interface SuspendFormState {
  readonly csrf: string;
  readonly account: AccountSummaryRow;
  readonly category?: string;
  readonly note?: string;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
}

export function suspendPage(request: FastifyRequest, state: SuspendFormState): SafeHtml {
  const tr = t(request);
  const error = state.errors?.find((e) => e.field === 'category');
  const selected = state.category ?? '';
  return html`<p>${tr('customerRecords.abuse.intro')}</p>
${errorSummary(request, state.errors, state.formError)}
<form method="post" action="/console/customers/${state.account.id}/suspend" novalidate>
${hiddenCsrf(state.csrf)}
<div class="field${error ? ' has-error' : ''}"><label for="field-category">${tr('customerRecords.abuse.category')}</label>${error ? html`<p class="field-error" id="field-category-error">${error.message}</p>` : ''}
<select id="field-category" name="category" required${error ? html` aria-invalid="true" aria-describedby="field-category-error"` : ''}>${abuseCategories.map((c) => html`<option value="${c}"${c === selected ? html` selected` : ''}>${tr(`customerRecords.abuse.category.${c}`)}</option>`)}</select></div>
${textArea({ name: 'note', label: tr('customerRecords.abuse.note'), hint: tr('customerRecords.abuse.noteHint', { min: abuseNoteLength.min }), value: state.note, errors: state.errors, maxLength: abuseNoteLength.max })}
<p class="actions"><button type="submit" class="danger">${tr('customerRecords.abuse.submit')}</button></p>
</form>
<p><a href="/console/customers/${state.account.id}">${tr('customerRecords.customer.backToCustomer')}</a></p>`;
}

export function liftPage(request: FastifyRequest, state: { csrf: string; account: AccountSummaryRow; block: AbuseBlockRow | undefined }): SafeHtml {
  const tr = t(request);
  const block = state.block;
  const intro = block
    ? tr('customerRecords.lift.intro', { category: tr(`customerRecords.abuse.category.${block.category}`), since: block.created_at.toISOString().slice(0, 16).replace('T', ' ') })
    : tr('customerRecords.lift.introUnknown');
  return html`<p>${intro}</p>
<form method="post" action="/console/customers/${state.account.id}/lift-suspension">
${hiddenCsrf(state.csrf)}
<p class="actions"><button type="submit">${tr('customerRecords.lift.submit')}</button></p>
</form>
<p><a href="/console/customers/${state.account.id}">${tr('customerRecords.customer.backToCustomer')}</a></p>`;
}
