import type { Config } from '../config/load-config.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import type { Translate } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../http/html.js';
import type { Register } from '../register/register.schema.js';

/** What every section renders from: the register, the data map and the retention settings. */
export interface NoticeInput {
  readonly register: Register;
  readonly declarations: readonly TableDeclaration[];
  readonly retention: Config['retention'];
  readonly tr: Translate;
  /** The language the notice is rendered in: country names and dates follow it. */
  readonly locale: string;
}

export interface NoticeSection {
  /** Stable anchor, e.g. "art13-1-a"; tests and links rely on it. */
  readonly id: string;
  readonly title: string;
  readonly body: SafeHtml;
}

export function section(s: NoticeSection): SafeHtml {
  return html`<section id="${s.id}" aria-labelledby="${s.id}-title"><h2 id="${s.id}-title">${s.title}</h2>${s.body}</section>`;
}

/** A table with a caption-less header row; `rows` are already-escaped cells. */
export function table(headers: readonly string[], rows: readonly (readonly (SafeHtml | string)[])[]): SafeHtml {
  return html`<div class="table-wrap"><table><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}
