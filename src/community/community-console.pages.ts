import type { FastifyRequest } from 'fastify';
import { textToHtml } from '../account-messages/account-messages.pages.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import { formatTime, plainParagraphs, textArea } from './community.pages.js';
import type { AnnouncementView, CommentView } from './read-community.js';

export const consoleNotices = ['created', 'saved', 'published', 'unpublished', 'hidden', 'restored'] as const;
export type ConsoleNotice = (typeof consoleNotices)[number];

export const announcementLimits = { title: 200, body: 20_000 } as const;

export interface AnnouncementFormState {
  readonly errors?: readonly FieldError[];
  readonly title?: string;
  readonly body?: string;
}

function announcementFields(request: FastifyRequest, state: AnnouncementFormState): SafeHtml {
  const tr = t(request);
  return html`${field({ name: 'title', label: tr('community.console.field.title'), value: state.title ?? '', required: true, errors: state.errors })}
${textArea({ name: 'body', label: tr('community.console.field.body'), hint: tr('community.console.field.bodyHint'), value: state.body ?? '', errors: state.errors, maxLength: announcementLimits.body, rows: 12, required: true })}`;
}

export function announcementsConsoleMain(request: FastifyRequest, csrf: string, announcements: readonly AnnouncementView[], state: AnnouncementFormState = {}): SafeHtml {
  const tr = t(request);
  const table = announcements.length === 0 ? html`<p>${tr('community.console.none')}</p>` : html`<table>
<caption>${tr('community.console.caption')}</caption>
<thead><tr><th scope="col">${tr('community.console.col.title')}</th><th scope="col">${tr('community.console.col.status')}</th><th scope="col">${tr('community.console.col.comments')}</th><th scope="col">${tr('community.console.col.updated')}</th></tr></thead>
<tbody>${announcements.map((a) => html`<tr><td><a href="/console/announcements/${a.id}">${a.title}</a></td><td>${a.publishedAt ? tr('community.console.status.published') : tr('community.console.status.draft')}</td><td>${a.commentCount}</td><td>${formatTime(a.updatedAt)}</td></tr>`)}</tbody></table>`;
  return html`<p>${tr('community.console.intro')}</p>
${table}
<h2 id="new-announcement">${tr('community.console.new')}</h2>
${errorSummary(request, state.errors)}
<form method="post" action="/console/announcements" aria-labelledby="new-announcement">
${hiddenCsrf(csrf)}
${announcementFields(request, state)}
<p class="actions"><button type="submit">${tr('community.console.create')}</button></p>
</form>`;
}

export function announcementConsoleMain(request: FastifyRequest, csrf: string, announcement: AnnouncementView, comments: readonly CommentView[], state: AnnouncementFormState & { done?: ConsoleNotice } = {}): SafeHtml {
  const tr = t(request);
  const base = `/console/announcements/${announcement.id}`;
  const status = announcement.publishedAt ? tr('community.console.publishedAt', { at: formatTime(announcement.publishedAt) }) : tr('community.console.status.draft');
  const publishForm = html`<form method="post" action="${base}/${announcement.publishedAt ? 'unpublish' : 'publish'}">${hiddenCsrf(csrf)}<button type="submit"${announcement.publishedAt ? html` class="secondary"` : ''}>${announcement.publishedAt ? tr('community.console.unpublish') : tr('community.console.publish')}</button></form>`;
  return html`${notice(state.done ? tr(`community.console.done.${state.done}`) : undefined)}
<p>${status}${announcement.publishedAt ? html` · <a href="/community/${announcement.id}">${tr('community.console.view')}</a>` : ''}</p>
<div class="actions">${publishForm}</div>
<h2 id="edit-announcement">${tr('community.console.edit')}</h2>
${errorSummary(request, state.errors)}
<form method="post" action="${base}" aria-labelledby="edit-announcement">
${hiddenCsrf(csrf)}
${announcementFields(request, { errors: state.errors, title: state.title ?? announcement.title, body: state.body ?? announcement.body })}
<p class="actions"><button type="submit">${tr('community.console.save')}</button></p>
</form>
<h2>${tr('community.console.preview')}</h2>
<div class="panel">${textToHtml(announcement.body)}</div>
<h2 id="comments-title">${tr('community.comments.title')}</h2>
${comments.length === 0 ? html`<p>${tr('community.comments.none')}</p>` : html`<ol class="comments" aria-labelledby="comments-title">${comments.map((c) => html`<li id="comment-${c.id}">
<p class="hint"><strong>${c.authorName ?? tr('community.comments.former')}</strong> · <time datetime="${c.createdAt.toISOString()}">${formatTime(c.createdAt)}</time>${c.hidden ? html` · <strong class="badge">${tr('community.console.hiddenBadge')}</strong>` : ''}</p>
${plainParagraphs(c.body ?? '')}
<form method="post" action="${base}/comments/${c.id}/${c.hidden ? 'restore' : 'hide'}">${hiddenCsrf(csrf)}<button type="submit" class="secondary">${c.hidden ? tr('community.console.restore') : tr('community.console.hide')}</button></form>
</li>`)}</ol>`}
<p><a href="/console/announcements">${tr('community.console.back')}</a></p>`;
}
