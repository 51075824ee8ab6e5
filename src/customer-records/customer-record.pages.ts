import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import { dpvLabel, dpvLabels } from '../register/dpv-labels.js';
import { utcTime } from './customer-list.pages.js';
import type { AccountSummaryRow } from './customer-records.store.js';
import { reasonTextLength } from './open-customer-record.js';
import type { RecordColumn, RecordTable, RecordValue, SubjectRecord } from './read-subject-record.js';

export interface ReasonFormState {
  readonly csrf: string;
  readonly account: AccountSummaryRow;
  readonly ticket?: string;
  readonly reason?: string;
  readonly errors?: readonly FieldError[];
}

/** A labelled textarea with its hint and error tied to it, like `field()` for inputs. */
export function textArea(options: { name: string; label: string; hint: string; value?: string; errors?: readonly FieldError[]; maxLength: number }): SafeHtml {
  const id = `field-${options.name}`;
  const error = options.errors?.find((e) => e.field === options.name);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-wide${error ? ' has-error' : ''}"><label for="${id}">${options.label}</label><p class="hint" id="${id}-hint">${options.hint}</p>${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}<textarea id="${id}" name="${options.name}" rows="4" cols="60" maxlength="${options.maxLength}" required aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>${options.value ?? ''}</textarea></div>`;
}

/** Two small forms, one per kind of reason, so each has one obvious field and button. */
export function reasonPage(request: FastifyRequest, state: ReasonFormState): SafeHtml {
  const tr = t(request);
  const action = `/console/customers/${state.account.id}/record`;
  return html`<p>${tr('customerRecords.reason.intro')}</p>
${errorSummary(request, state.errors)}
<section aria-labelledby="ticket-title" class="panel">
<h2 id="ticket-title">${tr('customerRecords.reason.ticketTitle')}</h2>
<form method="post" action="${action}" novalidate>
${hiddenCsrf(state.csrf)}<input type="hidden" name="kind" value="ticket">
${field({ name: 'ticket', label: tr('customerRecords.reason.ticket'), hint: tr('customerRecords.reason.ticketHint'), value: state.ticket, errors: state.errors, autocomplete: 'off', required: true })}
<p class="actions"><button type="submit">${tr('customerRecords.reason.ticketSubmit')}</button></p>
</form>
</section>
<section aria-labelledby="text-title" class="panel">
<h2 id="text-title">${tr('customerRecords.reason.textTitle')}</h2>
<form method="post" action="${action}" novalidate>
${hiddenCsrf(state.csrf)}<input type="hidden" name="kind" value="text">
${textArea({ name: 'reason', label: tr('customerRecords.reason.text'), hint: tr('customerRecords.reason.textHint', { min: reasonTextLength.min }), value: state.reason, errors: state.errors, maxLength: reasonTextLength.max })}
<p class="actions"><button type="submit">${tr('customerRecords.reason.textSubmit')}</button></p>
</form>
</section>
<p><a href="/console/customers/${state.account.id}">${tr('customerRecords.customer.backToCustomer')}</a></p>`;
}

export function recordPage(request: FastifyRequest, view: { account: AccountSummaryRow; expiresAt: Date; record: SubjectRecord }): SafeHtml {
  const tr = t(request);
  const { record } = view;
  return html`<p class="notice" role="status">${tr('customerRecords.record.open', { until: view.expiresAt.toISOString().slice(0, 16).replace('T', ' ') })}</p>
<p>${tr('customerRecords.record.intro')}</p>
<nav aria-labelledby="tables-title"><h2 id="tables-title">${tr('customerRecords.record.tables')}</h2>
<ul>${record.tables.map((table) => html`<li><a href="#table-${table.table}"><code>${table.table}</code></a> (${tr('customerRecords.record.rows', { count: table.total })})</li>`)}</ul></nav>
${record.tables.map((table) => tableSection(tr, table))}
${record.emptyTables.length > 0 ? html`<p class="hint">${tr('customerRecords.record.emptyTables', { tables: record.emptyTables.join(', ') })}</p>` : ''}
<p><a href="/console/customers/${view.account.id}">${tr('customerRecords.customer.backToCustomer')}</a></p>`;
}

function tableSection(tr: Translate, table: RecordTable): SafeHtml {
  const captionId = `caption-${table.table}`;
  return html`<section class="record" aria-labelledby="table-${table.table}">
<h2 id="table-${table.table}"><code>${table.table}</code></h2>
<p>${table.description}</p>
<p class="hint">${tr('customerRecords.record.purposes', { purposes: dpvLabels(tr, table.purposes), basis: table.legalBasis ?? tr('customerRecords.record.noBasis') })}</p>
${table.rows.length < table.total ? html`<p class="warning">${tr('customerRecords.record.capped', { shown: table.rows.length, total: table.total })}</p>` : ''}
<div class="table-wrap" role="region" aria-labelledby="${captionId}" tabindex="0">
<table>
<caption id="${captionId}">${tr('customerRecords.record.caption', { table: table.table })}</caption>
<thead><tr>${table.columns.map((column) => html`<th scope="col">${columnHeading(tr, column)}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => html`<tr>${row.map((value) => html`<td>${cell(tr, value)}</td>`)}</tr>`)}</tbody>
</table>
</div>
</section>`;
}

function columnHeading(tr: Translate, column: RecordColumn): SafeHtml {
  const category = column.category ? dpvLabel(tr, column.category) : tr('customerRecords.record.notPersonal');
  return html`<code>${column.name}</code><br><span class="hint">${category}${column.encrypted ? html` · ${tr('customerRecords.record.sealed')}` : ''}</span>`;
}

function cell(tr: Translate, value: RecordValue): SafeHtml | string {
  switch (value.kind) {
    case 'text': return value.text;
    case 'empty': return html`<span class="hint">${tr('customerRecords.record.empty')}</span>`;
    case 'bytes': return html`<span class="hint">${tr('customerRecords.record.bytes', { bytes: value.bytes })}</span>`;
    case 'secret': return html`<span class="hint">${tr('customerRecords.record.secret')}</span>`;
    case 'unreadable': return html`<span class="hint">${tr('customerRecords.record.unreadable')}</span>`;
  }
}

