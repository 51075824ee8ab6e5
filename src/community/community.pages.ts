import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { textToHtml } from '../account-messages/account-messages.pages.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import { commentRules } from './post-comment.js';
import type { AnnouncementView, CommentView } from './read-community.js';

export const formatTime = (at: Date): string => at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** Customer text as paragraphs, escaped, without turning anything into links. */
export function plainParagraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

/** A labelled text area with its hint and error tied to it, like `field()` for one-line inputs. */
export function textArea(options: { name: string; label: string; value: string; hint?: string; errors?: readonly FieldError[]; maxLength: number; rows?: number; required?: boolean }): SafeHtml {
  const id = `field-${options.name}`;
  const error = options.errors?.find((e) => e.field === options.name);
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-wide${error ? ' has-error' : ''}"><label for="${id}">${options.label}</label>${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 6}" maxlength="${options.maxLength}"${options.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>${options.value}</textarea></div>`;
}

/** Public pages: a signed-in customer keeps their navigation and sign-out; everyone else sees the public shell. */
function communityPage(request: FastifyRequest, csrf: string, title: string, main: SafeHtml): SafeHtml {
  const signedIn = request.account !== null;
  return renderPage({ request, title, area: signedIn ? 'account' : 'public', main, csrfToken: csrf, nav: signedIn ? accountNav(request) : [] });
}

export function renderCommunityPage(request: FastifyRequest, csrf: string, announcements: readonly AnnouncementView[]): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('community.intro')}</p>
${announcements.length === 0 ? html`<p>${tr('community.none')}</p>` : html`<ul class="announcements">${announcements.map((a) => html`<li><article aria-labelledby="announcement-${a.id}">
<h2 id="announcement-${a.id}"><a href="/community/${a.id}">${a.title}</a></h2>
<p class="hint">${tr('community.published', { at: formatTime(a.publishedAt ?? a.createdAt) })} · ${tr('community.commentCount', { count: a.commentCount })}</p>
</article></li>`)}</ul>`}`;
  return communityPage(request, csrf, tr('community.title'), main);
}

export interface AnnouncementPageState {
  readonly done?: 'posted' | 'deleted';
  readonly errors?: readonly FieldError[];
  readonly submitted?: string;
}

export function renderAnnouncementPage(request: FastifyRequest, csrf: string, announcement: AnnouncementView, comments: readonly CommentView[], state: AnnouncementPageState = {}): SafeHtml {
  const tr = t(request);
  const main = html`<p class="hint">${tr('community.published', { at: formatTime(announcement.publishedAt ?? announcement.createdAt) })}</p>
<div class="announcement-body">${textToHtml(announcement.body)}</div>
<section aria-labelledby="comments-title">
<h2 id="comments-title">${tr('community.comments.title')} (${announcement.commentCount})</h2>
${notice(state.done ? tr(`community.notice.${state.done}`) : undefined)}
${comments.length === 0 ? html`<p>${tr('community.comments.none')}</p>` : html`<ol class="comments">${comments.map((c) => commentItem(request, csrf, announcement.id, c))}</ol>`}
${commentForm(request, csrf, announcement.id, state)}
</section>
<p><a href="/community">${tr('community.back')}</a></p>`;
  return communityPage(request, csrf, announcement.title, main);
}

function commentItem(request: FastifyRequest, csrf: string, announcementId: string, comment: CommentView): SafeHtml {
  const tr = t(request);
  if (comment.hidden || comment.body === null) return html`<li id="comment-${comment.id}"><p class="hint">${tr('community.comments.hidden')}</p></li>`;
  return html`<li id="comment-${comment.id}"><article aria-label="${tr('community.comments.by', { name: comment.authorName ?? tr('community.comments.former') })}">
<p class="hint"><strong>${comment.authorName ?? tr('community.comments.former')}</strong> · <time datetime="${comment.createdAt.toISOString()}">${formatTime(comment.createdAt)}</time></p>
${plainParagraphs(comment.body)}
${comment.mine ? html`<form method="post" action="/community/${announcementId}/comments/${comment.id}/delete">${hiddenCsrf(csrf)}<button type="submit" class="secondary">${tr('community.comments.delete')}</button></form>` : ''}
</article></li>`;
}

function commentForm(request: FastifyRequest, csrf: string, announcementId: string, state: AnnouncementPageState): SafeHtml {
  const tr = t(request);
  const account = request.account;
  if (!account) return html`<p><a href="/sign-in?next=${encodeURIComponent(`/community/${announcementId}`)}">${tr('community.comment.signIn')}</a> ${tr('community.comment.signInWhy')}</p>`;
  if (!account.emailVerified) return html`<p>${tr('community.comment.verify')}</p>`;
  if (account.acting) return html`<p>${tr('community.comment.acting')}</p>`;
  return html`<h3>${tr('community.comment.add')}</h3>
${errorSummary(request, state.errors)}
<form method="post" action="/community/${announcementId}/comments">
${hiddenCsrf(csrf)}
${textArea({ name: 'body', label: tr('community.comment.field'), value: state.submitted ?? '', hint: tr('community.comment.hint', { max: commentRules.maxLength }), errors: state.errors, maxLength: commentRules.maxLength, required: true })}
<p class="actions"><button type="submit">${tr('community.comment.submit')}</button></p>
</form>`;
}
