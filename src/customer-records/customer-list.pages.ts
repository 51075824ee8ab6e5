import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { CustomerContact } from './customer-contact.js';
import type { AccountSummaryRow } from './customer-records.store.js';

export function utcTime(at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${at.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function statusLabel(tr: Translate, status: AccountSummaryRow['status']): string {
  return tr(`customerRecords.status.${status}`);
}

export interface CustomerListState {
  readonly csrf: string;
  readonly customers: readonly AccountSummaryRow[];
  readonly limit: number;
  readonly search?: { readonly query: string; readonly result?: AccountSummaryRow | null; readonly errors?: readonly FieldError[] };
}

function customerTable(tr: Translate, caption: string, rows: readonly AccountSummaryRow[]): SafeHtml {
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">${tr('customerRecords.col.account')}</th><th scope="col">${tr('customerRecords.col.status')}</th><th scope="col">${tr('customerRecords.col.created')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><td><a href="/console/customers/${row.id}"><code>${row.id}</code></a></td><td>${statusLabel(tr, row.status)}</td><td>${utcTime(row.created_at)}</td></tr>`)}</tbody>
</table>`;
}

export function customerListPage(request: FastifyRequest, state: CustomerListState): SafeHtml {
  const tr = t(request);
  const search = state.search;
  const result = search?.result;
  return html`<p>${tr('customerRecords.list.intro')}</p>
<section aria-labelledby="search-title" class="panel">
<h2 id="search-title">${tr('customerRecords.search.title')}</h2>
${errorSummary(request, search?.errors)}
<form method="post" action="/console/customers/search" novalidate>
${hiddenCsrf(state.csrf)}
${field({ name: 'query', label: tr('customerRecords.search.query'), hint: tr('customerRecords.search.hint'), value: search?.query, errors: search?.errors, autocomplete: 'off', required: true })}
<p class="actions"><button type="submit">${tr('customerRecords.search.submit')}</button></p>
</form>
${result === null ? html`<p role="status">${tr('customerRecords.search.notFound')}</p>` : ''}
${result ? html`${notice(tr('customerRecords.search.found'))}${customerTable(tr, tr('customerRecords.search.caption'), [result])}` : ''}
</section>
${state.customers.length === 0 ? html`<p>${tr('customerRecords.list.none')}</p>` : customerTable(tr, tr('customerRecords.list.caption', { limit: state.limit }), state.customers)}`;
}

export interface CustomerPageState {
  readonly account: AccountSummaryRow;
  readonly canContact: boolean;
  readonly canRecord: boolean;
  readonly canManageAbuse: boolean;
  readonly notice?: string;
}

export function customerPage(request: FastifyRequest, state: CustomerPageState): SafeHtml {
  const tr = t(request);
  const a = state.account;
  const base = `/console/customers/${a.id}`;
  const links: SafeHtml[] = [];
  if (state.canContact) links.push(html`<li><a href="${base}/contact">${tr('customerRecords.customer.contactLink')}</a><p class="hint">${tr('customerRecords.customer.contactHint')}</p></li>`);
  if (state.canRecord) links.push(html`<li><a href="${base}/record">${tr('customerRecords.customer.recordLink')}</a><p class="hint">${tr('customerRecords.customer.recordHint')}</p></li>`);
  if (state.canManageAbuse && a.status !== 'closed') {
    links.push(html`<li><a href="${base}/suspend">${tr(a.status === 'suspended' ? 'customerRecords.customer.liftLink' : 'customerRecords.customer.abuseLink')}</a><p class="hint">${tr('customerRecords.customer.abuseHint')}</p></li>`);
  }
  return html`${notice(state.notice)}
<section aria-labelledby="facts-title" class="panel">
<h2 id="facts-title">${tr('customerRecords.customer.facts')}</h2>
<dl>
<dt>${tr('customerRecords.col.account')}</dt><dd><code>${a.id}</code></dd>
<dt>${tr('customerRecords.col.status')}</dt><dd>${statusLabel(tr, a.status)}</dd>
<dt>${tr('customerRecords.col.created')}</dt><dd>${utcTime(a.created_at)}</dd>
</dl>
</section>
${links.length > 0 ? html`<section aria-labelledby="open-title"><h2 id="open-title">${tr('customerRecords.customer.open')}</h2><ul>${links}</ul></section>` : ''}
<p><a href="/console/customers">${tr('customerRecords.customer.back')}</a></p>`;
}

export function contactPage(request: FastifyRequest, contact: CustomerContact): SafeHtml {
  const tr = t(request);
  const notGiven = html`<span class="hint">${tr('customerRecords.contact.notGiven')}</span>`;
  return html`<p class="hint">${tr('customerRecords.contact.recorded')}</p>
<dl>
<dt>${tr('customerRecords.col.account')}</dt><dd><code>${contact.accountId}</code> (${statusLabel(tr, contact.status)})</dd>
<dt>${tr('customerRecords.contact.name')}</dt><dd>${contact.firstName} ${contact.lastName}</dd>
<dt>${tr('customerRecords.contact.company')}</dt><dd>${contact.company ?? notGiven}</dd>
<dt>${tr('customerRecords.contact.email')}</dt><dd>${contact.email}</dd>
<dt>${tr('customerRecords.contact.phone')}</dt><dd>${contact.phone ?? notGiven}</dd>
<dt>${tr('customerRecords.contact.address')}</dt><dd>${contact.address.length > 0 ? contact.address.map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`) : notGiven}</dd>
</dl>
${contact.contacts.length > 0 ? html`<table>
<caption>${tr('customerRecords.contact.contactsCaption')}</caption>
<thead><tr><th scope="col">${tr('customerRecords.contact.role')}</th><th scope="col">${tr('customerRecords.contact.name')}</th><th scope="col">${tr('customerRecords.contact.email')}</th><th scope="col">${tr('customerRecords.contact.phone')}</th></tr></thead>
<tbody>${contact.contacts.map((c) => html`<tr><td>${tr(`profile.contacts.role.${c.role}`)}</td><td>${c.name}</td><td>${c.email}</td><td>${c.phone ?? notGiven}</td></tr>`)}</tbody>
</table>` : ''}
<p><a href="/console/customers/${contact.accountId}">${tr('customerRecords.customer.backToCustomer')}</a></p>`;
}
