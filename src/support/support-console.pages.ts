import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, hiddenCsrf, notice, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { StaffTicketList, StaffTicketThread } from './staff-tickets.js';
import { attachmentList, departmentLabel, departmentSelect, formatTime, paragraphs, statusLabel, textArea } from './support-page-parts.js';
import { ticketMeta } from './support.pages.js';
import { ticketStatuses, type TicketStatus } from './support.tables.js';
import type { MessageView } from './ticket-views.js';

export function staffTicketListMain(request: FastifyRequest, list: StaffTicketList, filter: { status?: string | undefined; department?: string | undefined }): SafeHtml {
  const tr = t(request);
  return html`<form method="get" action="/console/tickets" class="filters" aria-label="${tr('support.console.filter')}">
<div class="field"><label for="filter-status">${tr('support.col.status')}</label><select id="filter-status" name="status"><option value="">${tr('support.console.allStatuses')}</option>${ticketStatuses.map((s: TicketStatus) => html`<option value="${s}"${s === filter.status ? html` selected` : ''}>${statusLabel(tr, s)}</option>`)}</select></div>
${departmentSelect(tr, list.departments, filter.department, { id: 'filter-department', label: tr('support.col.department'), includeAll: tr('support.console.allDepartments') })}
<p class="actions"><button type="submit" class="secondary">${tr('support.console.filter')}</button></p>
</form>
${list.tickets.length === 0
    ? html`<p>${tr('support.console.none')}</p>`
    : html`<div class="table-wrap"><table><caption>${tr('support.console.caption', { count: list.tickets.length })}</caption>
<thead><tr><th scope="col">${tr('support.col.reference')}</th><th scope="col">${tr('support.col.subject')}</th><th scope="col">${tr('support.col.department')}</th><th scope="col">${tr('support.col.status')}</th><th scope="col">${tr('support.col.updated')}</th></tr></thead>
<tbody>${list.tickets.map((ticket) => html`<tr><td><a href="/console/tickets/${ticket.reference}">${ticket.reference}</a></td><td>${ticket.subject ?? tr('support.console.erased')}</td><td>${departmentLabel(tr, list.departments, ticket.departmentId)}</td><td>${statusLabel(tr, ticket.status)}</td><td>${formatTime(ticket.updatedAt)}</td></tr>`)}</tbody>
</table></div>`}`;
}

function authorHeading(tr: Translate, thread: StaffTicketThread, message: MessageView): string {
  if (message.authorKind === 'staff') {
    const name = message.authorId ? thread.staffNames.get(message.authorId) : undefined;
    return message.internal ? tr('support.console.noteBy', { name: name ?? tr('support.console.team') }) : tr('support.console.replyBy', { name: name ?? tr('support.console.team') });
  }
  return message.authorKind === 'trusted_user' ? tr('support.console.fromTrustedUser') : tr('support.console.fromCustomer');
}

export interface StaffTicketState {
  readonly done?: string | undefined;
  readonly canManage: boolean;
  /** The form that failed ('reply' | 'note' | 'department'), its values and errors. */
  readonly failed?: { readonly form: 'reply' | 'note' | 'department'; readonly values: Record<string, string>; readonly errors: readonly FieldError[]; readonly formError?: string | undefined };
}

function staffTextForm(tr: Translate, csrf: string, base: string, form: 'reply' | 'note', state: StaffTicketState, request: FastifyRequest): SafeHtml {
  const failed = state.failed?.form === form ? state.failed : undefined;
  // Both forms have a "body"; their errors name the form's own field so summary links land on it.
  const key = `body-${form}`;
  const errors = failed?.errors.map((e) => (e.field === 'body' ? { ...e, field: key } : e));
  const id = `${form}-title`;
  return html`<section aria-labelledby="${id}" class="panel"><h2 id="${id}">${tr(form === 'reply' ? 'support.console.replyTitle' : 'support.console.noteTitle')}</h2>
<p class="hint">${tr(form === 'reply' ? 'support.console.replyHint' : 'support.console.noteHint')}</p>
${errorSummary(request, errors, failed?.formError)}
<form method="post" action="${base}/${form === 'reply' ? 'reply' : 'notes'}" novalidate>${hiddenCsrf(csrf)}
${textArea({ name: 'body', key, label: tr(form === 'reply' ? 'support.console.replyBody' : 'support.console.noteBody'), value: failed?.values.body, errors, rows: 6 })}
<p class="actions"><button type="submit"${form === 'note' ? html` class="secondary"` : ''}>${tr(form === 'reply' ? 'support.console.replySubmit' : 'support.console.noteSubmit')}</button></p>
</form></section>`;
}

export function staffTicketMain(request: FastifyRequest, csrf: string, thread: StaffTicketThread, state: StaffTicketState): SafeHtml {
  const tr = t(request);
  const { ticket } = thread;
  const base = `/console/tickets/${ticket.reference}`;
  const departmentFailure = state.failed?.form === 'department' ? state.failed : undefined;
  return html`${notice(state.done)}
${ticketMeta(tr, ticket, thread.departments)}
${thread.contact ? html`<section aria-labelledby="contact-title"><h2 id="contact-title">${tr('support.console.contact')}</h2><p>${thread.contact.name} · <a href="mailto:${thread.contact.email}">${thread.contact.email}</a></p></section>` : ''}
<section aria-labelledby="conversation-title"><h2 id="conversation-title">${tr('support.thread.conversation')}</h2>
${thread.messages.map((message) => html`<article class="panel message${message.internal ? ' internal-note' : ''}"><h3>${message.internal ? html`<span class="badge">${tr('support.console.internal')}</span> ` : ''}${authorHeading(tr, thread, message)}, ${formatTime(message.createdAt)}</h3>
${paragraphs(message.body)}${attachmentList(tr, message.attachments, (id) => `${base}/attachments/${id}`)}</article>`)}
</section>
${state.canManage
    ? html`${ticket.status === 'closed' ? html`<p>${tr('support.console.closedNoReply')}</p>` : staffTextForm(tr, csrf, base, 'reply', state, request)}
${staffTextForm(tr, csrf, base, 'note', state, request)}
<section aria-labelledby="manage-title" class="panel"><h2 id="manage-title">${tr('support.console.manage')}</h2>
${errorSummary(request, departmentFailure?.errors, departmentFailure?.formError)}
<form method="post" action="${base}/department">${hiddenCsrf(csrf)}
${departmentSelect(tr, thread.departments.filter((d) => d.active || d.id === ticket.departmentId), ticket.departmentId, { id: 'field-department', label: tr('support.console.moveTo'), errors: departmentFailure?.errors })}
<p class="actions"><button type="submit" class="secondary">${tr('support.console.move')}</button></p></form>
${ticket.status === 'closed' ? '' : html`<form method="post" action="${base}/close">${hiddenCsrf(csrf)}<p class="actions"><button type="submit" class="secondary">${tr('support.close.submit')}</button></p></form>`}
</section>`
    : html`<p>${tr('support.console.readOnly')}</p>`}
<p><a href="/console/tickets">${tr('support.console.back')}</a></p>`;
}
