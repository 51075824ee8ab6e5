import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { renderPage, t } from '../http/layout.js';
import type { AccountMessageView } from './read-account-messages.js';

const formatTime = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** Plain text to paragraphs; site paths and web addresses become links (still escaped). */
export function textToHtml(text: string): SafeHtml {
  const linkify = (line: string) => line.split(/(\s+)/).map((word) => (/^(\/[\w\-./?=&#%]*|https?:\/\/\S+)$/.test(word) ? html`<a href="${word}">${word}</a>` : word));
  return html`${text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${linkify(line)}`)}</p>`)}`;
}

export function renderMessagesPage(request: FastifyRequest, csrfToken: string, messages: readonly AccountMessageView[], banner: SafeHtml): SafeHtml {
  const tr = t(request);
  const main = html`${banner}${messages.length === 0
    ? html`<p>${tr('messages.none')}</p>`
    : html`<table class="messages"><caption>${tr('messages.caption')}</caption>
<thead><tr><th scope="col">${tr('messages.col.title')}</th><th scope="col">${tr('messages.col.category')}</th><th scope="col">${tr('messages.col.received')}</th></tr></thead>
<tbody>${messages.map((m) => html`<tr${m.readAt ? '' : html` class="unread"`}><td>${m.readAt ? '' : html`<strong class="badge">${tr('messages.unread')}</strong> `}<a href="/account/messages/${m.id}">${m.title}</a></td><td>${tr(`messages.category.${m.category}`)}</td><td>${formatTime(m.createdAt)}</td></tr>`)}</tbody></table>`}`;
  return renderPage({ request, title: tr('messages.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}

export function renderMessagePage(request: FastifyRequest, csrfToken: string, message: AccountMessageView): SafeHtml {
  const tr = t(request);
  const main = html`<p class="hint">${tr(`messages.category.${message.category}`)} · ${tr('messages.received', { at: formatTime(message.createdAt) })}</p>
<div class="message-body">${textToHtml(message.body)}</div>
<p><a href="/account/messages">${tr('messages.back')}</a></p>`;
  return renderPage({ request, title: message.title, area: 'account', main, csrfToken, nav: accountNav(request) });
}
