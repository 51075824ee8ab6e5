import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import { formatDate, formatTime, paragraphs, textArea } from './careers-forms.js';
import type { OpeningRow } from './careers.store.js';
import { noteLimit, staffStatuses, type ApplicationDetail, type ApplicationSummary } from './review-applications.js';

export const applicationNotices = ['status', 'noted'] as const;
export const openingNotices = ['created', 'closed', 'reopened'] as const;
export const openingLimits = { title: 200, location: 200, description: 20_000 } as const;

export function applicationsMain(request: FastifyRequest, applications: readonly ApplicationSummary[]): SafeHtml {
  const tr = t(request);
  const table = applications.length === 0 ? html`<p>${tr('careers.console.none')}</p>` : html`<table>
<caption>${tr('careers.console.caption')}</caption>
<thead><tr><th scope="col">${tr('careers.console.col.applicant')}</th><th scope="col">${tr('careers.console.col.position')}</th><th scope="col">${tr('careers.console.col.status')}</th><th scope="col">${tr('careers.console.col.received')}</th><th scope="col">${tr('careers.console.col.deletedBy')}</th></tr></thead>
<tbody>${applications.map((a) => html`<tr><td><a href="/console/applications/${a.id}">${a.name}</a></td><td>${a.positionTitle}</td><td>${tr(`careers.state.${a.status}`)}</td><td>${formatTime(a.receivedAt)}</td><td>${a.deletedBy ? formatDate(a.deletedBy) : tr('careers.console.underWay')}</td></tr>`)}</tbody></table>`;
  return html`<p>${tr('careers.console.intro')}</p>
<p><a href="/console/applications/openings">${tr('careers.console.openingsLink')}</a></p>
${table}`;
}

export function applicationDetailMain(request: FastifyRequest, csrf: string, detail: ApplicationDetail, state: { done?: (typeof applicationNotices)[number]; errors?: readonly FieldError[]; note?: string } = {}): SafeHtml {
  const tr = t(request);
  const base = `/console/applications/${detail.id}`;
  const retention = detail.removalRequestedAt
    ? tr('careers.console.removalRequested', { at: formatTime(detail.removalRequestedAt), date: detail.deletedBy ? formatDate(detail.deletedBy) : '' })
    : detail.deletedBy ? tr('careers.console.closedDeletion', { date: formatDate(detail.deletedBy) }) : tr('careers.console.underWayLong');
  const statusForm = detail.status === 'withdrawn' ? html`<p>${tr('careers.console.withdrawn')}</p>` : html`<form method="post" action="${base}/status">
${hiddenCsrf(csrf)}
<div class="field"><label for="field-status">${tr('careers.console.field.status')}</label><select id="field-status" name="status">${staffStatuses.map((s) => html`<option value="${s}"${s === detail.status ? html` selected` : ''}>${tr(`careers.state.${s}`)}</option>`)}</select></div>
<p class="actions"><button type="submit">${tr('careers.console.saveStatus')}</button></p>
</form>`;
  return html`${notice(state.done ? tr(`careers.console.done.${state.done}`) : undefined)}
<p class="warning">${tr('careers.console.audited')}</p>
<dl>
<dt>${tr('careers.console.col.position')}</dt><dd>${detail.positionTitle}</dd>
<dt>${tr('careers.field.email')}</dt><dd><a href="mailto:${detail.email}">${detail.email}</a></dd>
<dt>${tr('careers.field.phone')}</dt><dd>${detail.phone ?? tr('careers.console.noPhone')}</dd>
<dt>${tr('careers.console.col.received')}</dt><dd>${formatTime(detail.receivedAt)}</dd>
<dt>${tr('careers.console.col.status')}</dt><dd>${tr(`careers.state.${detail.status}`)}</dd>
<dt>${tr('careers.console.retention')}</dt><dd>${retention}</dd>
<dt>${tr('careers.field.cv')}</dt><dd><a href="${base}/cv" download>${tr('careers.console.downloadCv', { filename: detail.cvFilename, kb: Math.max(1, Math.round(detail.cvBytes / 1024)) })}</a></dd>
</dl>
<h2>${tr('careers.field.coverLetter')}</h2>
<div class="panel">${paragraphs(detail.coverLetter)}</div>
<h2>${tr('careers.console.statusTitle')}</h2>
${statusForm}
<h2 id="notes-title">${tr('careers.console.notes')}</h2>
${detail.notes.length === 0 ? html`<p>${tr('careers.console.noNotes')}</p>` : html`<ol class="notes" aria-labelledby="notes-title">${detail.notes.map((n) => html`<li><p class="hint"><time datetime="${n.at}">${formatTime(new Date(n.at))}</time></p>${paragraphs(n.text)}</li>`)}</ol>`}
${errorSummary(request, state.errors)}
<form method="post" action="${base}/notes">
${hiddenCsrf(csrf)}
${textArea({ name: 'note', label: tr('careers.console.field.note'), hint: tr('careers.console.field.noteHint'), value: state.note ?? '', errors: state.errors, maxLength: noteLimit, rows: 4, required: true })}
<p class="actions"><button type="submit">${tr('careers.console.addNote')}</button></p>
</form>
<p><a href="/console/applications">${tr('careers.console.back')}</a></p>`;
}

export interface OpeningFormState {
  readonly done?: (typeof openingNotices)[number];
  readonly errors?: readonly FieldError[];
  readonly title?: string;
  readonly location?: string;
  readonly description?: string;
}

export function openingsMain(request: FastifyRequest, csrf: string, openings: readonly OpeningRow[], state: OpeningFormState = {}): SafeHtml {
  const tr = t(request);
  const table = openings.length === 0 ? html`<p>${tr('careers.none')}</p>` : html`<table>
<caption>${tr('careers.console.openingsCaption')}</caption>
<thead><tr><th scope="col">${tr('careers.console.field.title')}</th><th scope="col">${tr('careers.console.field.location')}</th><th scope="col">${tr('careers.console.col.status')}</th><th scope="col">${tr('careers.console.col.action')}</th></tr></thead>
<tbody>${openings.map((o) => html`<tr><td>${o.status === 'open' ? html`<a href="/careers/${o.id}/apply">${o.title}</a>` : o.title}</td><td>${o.location}</td><td>${tr(`careers.opening.${o.status}`)}</td><td><form method="post" action="/console/applications/openings/${o.id}/${o.status === 'open' ? 'close' : 'reopen'}">${hiddenCsrf(csrf)}<button type="submit" class="secondary">${o.status === 'open' ? tr('careers.console.close') : tr('careers.console.reopen')}</button></form></td></tr>`)}</tbody></table>`;
  return html`${notice(state.done ? tr(`careers.console.openingDone.${state.done}`) : undefined)}
<p>${tr('careers.console.openingsIntro')}</p>
${table}
<h2 id="new-opening">${tr('careers.console.newOpening')}</h2>
${errorSummary(request, state.errors)}
<form method="post" action="/console/applications/openings" aria-labelledby="new-opening">
${hiddenCsrf(csrf)}
${field({ name: 'title', label: tr('careers.console.field.title'), value: state.title ?? '', required: true, errors: state.errors })}
${field({ name: 'location', label: tr('careers.console.field.location'), value: state.location ?? '', required: true, errors: state.errors })}
${textArea({ name: 'description', label: tr('careers.console.field.description'), value: state.description ?? '', errors: state.errors, maxLength: openingLimits.description, rows: 10, required: true })}
<p class="actions"><button type="submit">${tr('careers.console.createOpening')}</button></p>
</form>
<p><a href="/console/applications">${tr('careers.console.back')}</a></p>`;
}
