import { html, type SafeHtml } from '../http/html.js';
import { sections13_1 } from './notice-sections-13-1.js';
import { sections13_2 } from './notice-sections-13-2.js';
import { storageSection } from './notice-section-storage.js';
import { section, table, type NoticeInput } from './notice-model.js';

/** The notice body: every Art 13 and 14 element, each in a section with a stable id. */
export function noticeMain(input: NoticeInput): SafeHtml {
  const { tr } = input;
  const sections = [...sections13_1(input), storageSection(input), ...sections13_2(input)];
  return html`<p>${tr('notice.intro')}</p>
<nav aria-labelledby="notice-contents"><h2 id="notice-contents">${tr('notice.contents')}</h2><ol>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>
${sections.map(section)}
<p><a href="/privacy/cookies">${tr('notice.cookies.link')}</a></p>`;
}

/** The cookie policy: each cookie of the register, and how to refuse. */
export function cookiesMain({ register, tr }: NoticeInput): SafeHtml {
  return html`<p>${tr('cookies.intro')}</p>
${register.cookies.length === 0
    ? html`<p>${tr('cookies.none')}</p>`
    : table(
      [tr('cookies.col.name'), tr('cookies.col.provider'), tr('cookies.col.category'), tr('cookies.col.duration'), tr('cookies.col.purpose')],
      register.cookies.map((c) => [html`<code>${c.name}</code>`, c.provider, tr(`register.cookie.${c.category}`), c.duration, c.purpose]),
    )}
<p>${tr('cookies.refuse')}</p>
<p><a href="/privacy">${tr('cookies.back')}</a></p>`;
}
