import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { SensitiveWarning } from './sensitive-identifiers.js';
import type { DepartmentRow } from './support.store.js';
import {
  attachmentInput, attachmentList, confirmSensitiveCheckbox, departmentLabel, departmentSelect, formatTime, paragraphs, sensitiveWarningBox, statusLabel, textArea, warningFieldErrors,
} from './support-page-parts.js';
import type { MessageView, TicketSummary, TicketThread } from './ticket-views.js';

export interface FormState {
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: readonly FieldError[];
  readonly formError?: string;
  readonly warnings?: readonly SensitiveWarning[];
}

function page(request: FastifyRequest, csrf: string, title: string, main: SafeHtml): SafeHtml {
  return renderPage({ request, title, area: 'account', main, csrfToken: csrf, nav: accountNav(request) });
}

/** Errors and warnings of one form, merged per field (an error wins over a warning). */
function fieldProblems(tr: Translate, state: FormState): FieldError[] {
  const errors = state.errors ?? [];
  return [...errors, ...warningFieldErrors(tr, state.warnings ?? []).filter((w) => !errors.some((e) => e.field === w.field))];
}

export function renderTicketListPage(request: FastifyRequest, csrf: string, tickets: readonly TicketSummary[], departments: readonly DepartmentRow[], done: string | undefined): SafeHtml {
  const tr = t(request);
  const main = html`${notice(done)}
<p>${tr('support.list.intro')}</p>
<p><a class="button" href="/account/support/new">${tr('support.list.new')}</a></p>
${tickets.length === 0
    ? html`<p>${tr('support.list.none')}</p>`
    : html`<div class="table-wrap"><table><caption>${tr('support.list.caption')}</caption>
<thead><tr><th scope="col">${tr('support.col.reference')}</th><th scope="col">${tr('support.col.subject')}</th><th scope="col">${tr('support.col.department')}</th><th scope="col">${tr('support.col.status')}</th><th scope="col">${tr('support.col.updated')}</th></tr></thead>
<tbody>${tickets.map((ticket) => html`<tr><td><a href="/account/support/${ticket.reference}">${ticket.reference}</a></td><td>${ticket.subject ?? ''}</td><td>${departmentLabel(tr, departments, ticket.departmentId)}</td><td>${statusLabel(tr, ticket.status)}</td><td>${formatTime(ticket.updatedAt)}</td></tr>`)}</tbody>
</table></div>`}`;
  return page(request, csrf, tr('support.list.title'), main);
}

export function renderNewTicketPage(request: FastifyRequest, csrf: string, departments: readonly DepartmentRow[], state: FormState = {}): SafeHtml {
  const tr = t(request);
  const values = state.values ?? {};
  const problems = fieldProblems(tr, state);
  const warnings = state.warnings ?? [];
  const main = html`<p>${tr('support.new.intro')}</p>
<p class="warning">${tr('support.new.cards')}</p>
${sensitiveWarningBox(request, warnings)}
${errorSummary(request, state.errors, state.formError)}
<form method="post" action="/account/support/new" enctype="multipart/form-data" novalidate>
${hiddenCsrf(csrf)}
${departmentSelect(tr, departments, values.department, { id: 'field-department', label: tr('support.form.department'), errors: state.errors })}
${field({ name: 'subject', label: tr('support.form.subject'), value: values.subject, errors: problems, required: true, autocomplete: 'off', hint: tr('support.form.subjectHint') })}
${textArea({ name: 'body', label: tr('support.form.body'), value: values.body, errors: problems, hint: tr('support.form.bodyHint') })}
${attachmentInput(tr, problems)}
${confirmSensitiveCheckbox(tr, warnings)}
<p class="actions"><button type="submit">${tr('support.new.submit')}</button> <a href="/account/support">${tr('support.form.cancel')}</a></p>
</form>`;
  return page(request, csrf, tr('support.new.title'), main);
}

function authorHeading(tr: Translate, message: MessageView): string {
  if (message.authorKind === 'staff') return tr('support.thread.fromStaff');
  if (message.authorKind === 'trusted_user') return tr('support.thread.fromTrustedUser');
  return tr('support.thread.fromCustomer');
}

export function ticketMeta(tr: Translate, ticket: TicketSummary, departments: readonly DepartmentRow[]): SafeHtml {
  return html`<dl class="ticket-meta">
<dt>${tr('support.col.reference')}</dt><dd>${ticket.reference}</dd>
<dt>${tr('support.col.department')}</dt><dd>${departmentLabel(tr, departments, ticket.departmentId)}</dd>
<dt>${tr('support.col.status')}</dt><dd>${statusLabel(tr, ticket.status)}</dd>
<dt>${tr('support.col.opened')}</dt><dd>${formatTime(ticket.createdAt)}</dd>
</dl>`;
}

export function renderTicketPage(request: FastifyRequest, csrf: string, thread: TicketThread, departments: readonly DepartmentRow[], options: { done?: string | undefined; reply?: FormState }): SafeHtml {
  const tr = t(request);
  const { ticket } = thread;
  const reply = options.reply ?? {};
  const problems = fieldProblems(tr, reply);
  const base = `/account/support/${ticket.reference}`;
  const main = html`${notice(options.done)}
${ticketMeta(tr, ticket, departments)}
<section aria-labelledby="conversation-title"><h2 id="conversation-title">${tr('support.thread.conversation')}</h2>
${thread.messages.map((message) => html`<article class="panel message"><h3>${authorHeading(tr, message)}, ${formatTime(message.createdAt)}</h3>
${paragraphs(message.body)}${attachmentList(tr, message.attachments, (id) => `${base}/attachments/${id}`)}</article>`)}
</section>
${ticket.status === 'closed'
    ? html`<p>${tr('support.thread.closed')} <a href="/account/support/new">${tr('support.list.new')}</a></p>`
    : html`<section aria-labelledby="reply-title" class="panel"><h2 id="reply-title">${tr('support.reply.title')}</h2>
${sensitiveWarningBox(request, reply.warnings ?? [])}
${errorSummary(request, reply.errors, reply.formError)}
<form method="post" action="${base}/reply" enctype="multipart/form-data" novalidate>
${hiddenCsrf(csrf)}
${textArea({ name: 'body', label: tr('support.reply.body'), value: reply.values?.body, errors: problems, rows: 6 })}
${attachmentInput(tr, problems)}
${confirmSensitiveCheckbox(tr, reply.warnings ?? [])}
<p class="actions"><button type="submit">${tr('support.reply.submit')}</button></p>
</form></section>
<form method="post" action="${base}/close">${hiddenCsrf(csrf)}<p>${tr('support.close.intro')}</p><p class="actions"><button type="submit" class="secondary">${tr('support.close.submit')}</button></p></form>`}
<p><a href="/account/support">${tr('support.thread.back')}</a></p>`;
  return page(request, csrf, thread.ticket.subject ?? ticket.reference, main);
}
