import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { field, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import type { SensitiveWarning } from './sensitive-identifiers.js';
import { supportMessages } from './support.messages.en.js';
import type { DepartmentRow } from './support.store.js';
import type { TicketStatus } from './support.tables.js';
import { attachmentLimits } from './ticket-model.js';
import type { AttachmentView } from './ticket-views.js';

/** Parts shared by the customer's and the staff's support pages. */

export function formatTime(at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${at.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function statusLabel(tr: Translate, status: TicketStatus): string {
  return tr(`support.status.${status}`);
}

/** Seeded departments have catalogue names; ones a provider adds show their stored name. */
export function departmentLabel(tr: Translate, departments: readonly DepartmentRow[], id: string): string {
  const key = `support.department.${id}`;
  if (key in supportMessages) return tr(key as MessageKey);
  return departments.find((d) => d.id === id)?.name ?? id;
}

export function departmentSelect(tr: Translate, departments: readonly DepartmentRow[], selected: string | undefined, options: { id: string; label: string; errors?: readonly FieldError[] | undefined; includeAll?: string }): SafeHtml {
  const error = options.errors?.find((e) => e.field === 'department');
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${options.id}">${options.label}</label>${error ? html`<p class="field-error" id="${options.id}-error">${error.message}</p>` : ''}
<select id="${options.id}" name="department"${error ? html` aria-invalid="true" aria-describedby="${options.id}-error"` : ''}>${options.includeAll !== undefined ? html`<option value="">${options.includeAll}</option>` : ''}${departments.map((d) => html`<option value="${d.id}"${d.id === selected ? html` selected` : ''}>${departmentLabel(tr, departments, d.id)}</option>`)}</select></div>`;
}

/** A labelled textarea with hint and error tied to it, like field() for inputs. */
export function textArea(options: { name: string; label: string; value?: string | undefined; hint?: string; errors?: readonly FieldError[] | undefined; rows?: number; key?: string }): SafeHtml {
  // `key` tells apart two fields of one name on a page; errors name the key.
  const key = options.key ?? options.name;
  const id = `field-${key}`;
  const error = options.errors?.find((e) => e.field === key);
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-wide${error ? ' has-error' : ''}"><label for="${id}">${options.label}</label>${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 8}" required${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>${options.value ?? ''}</textarea></div>`;
}

/** The optional file input; its warning (or error) sits right at it. */
export function attachmentInput(tr: Translate, errors: readonly FieldError[] | undefined): SafeHtml {
  const id = 'field-attachment';
  const error = errors?.find((e) => e.field === 'attachment');
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${tr('support.form.attachment')}</label>
<p class="hint" id="${id}-hint">${tr('support.form.attachmentHint', { size: formatSize(attachmentLimits.maxFileBytes) })}</p>${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<input id="${id}" name="attachment" type="file" accept="${attachmentLimits.accept.join(',')}" aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? html` aria-invalid="true"` : ''}></div>`;
}

/** Field-level warnings in the reader's language, one per field. */
export function warningFieldErrors(tr: Translate, warnings: readonly SensitiveWarning[]): FieldError[] {
  return warnings.map((warning) => ({
    field: warning.field,
    message: tr(warning.field === 'subject' ? 'support.warning.subject' : 'support.warning.filename', { what: warning.kinds.map((kind) => tr(`support.sensitive.${kind}`)).join(', ') }),
  }));
}

/**
 * The warning box above a form: what was found, why it matters (subjects and file names appear
 * in email notifications and staff lists), and the choice to change it or send it as it is.
 * Styled and focused like the error summary, so screen readers announce it first.
 */
export function sensitiveWarningBox(request: FastifyRequest, warnings: readonly SensitiveWarning[]): SafeHtml {
  if (warnings.length === 0) return html``;
  const tr = t(request);
  return html`<div class="error-summary warning" role="alert" tabindex="-1" aria-labelledby="sensitive-title">
<h2 id="sensitive-title">${tr('support.warning.title')}</h2>
<p>${tr('support.warning.why')}</p>
<ul>${warningFieldErrors(tr, warnings).map((w) => html`<li><a href="#field-${w.field}">${w.message}</a></li>`)}</ul>
<p>${tr(warnings.some((w) => w.field === 'attachment') ? 'support.warning.choiceWithFile' : 'support.warning.choice')}</p>
</div>`;
}

export function confirmSensitiveCheckbox(tr: Translate, warnings: readonly SensitiveWarning[]): SafeHtml {
  if (warnings.length === 0) return html``;
  return field({ name: 'confirmSensitive', type: 'checkbox', label: tr('support.warning.confirm') });
}

export function attachmentList(tr: Translate, attachments: readonly AttachmentView[], hrefOf: (id: string) => string): SafeHtml {
  if (attachments.length === 0) return html``;
  return html`<ul class="attachments" aria-label="${tr('support.thread.attachments')}">${attachments.map((a) => html`<li><a href="${hrefOf(a.id)}" download>${a.filename}</a> (${a.mediaType}, ${formatSize(a.sizeBytes)})</li>`)}</ul>`;
}

/** Plain text as paragraphs; nothing is turned into links (a ticket may quote hostile addresses). */
export function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}
