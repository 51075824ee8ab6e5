import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { t } from '../http/layout.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { containsCardNumber, maskCardNumbers } from '../card-numbers/card-numbers.js';

export const formatTime = (at: Date): string => at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
export const formatDate = (at: Date): string => at.toISOString().slice(0, 10);

/** Text as paragraphs, escaped, nothing turned into links. */
export function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

/** A labelled text area with hint and error tied to it, like `field()` for one-line inputs. */
export function textArea(options: { name: string; label: string; value: string; hint?: string; errors?: readonly FieldError[]; maxLength: number; rows?: number; required?: boolean }): SafeHtml {
  const id = `field-${options.name}`;
  const error = options.errors?.find((e) => e.field === options.name);
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field field-wide${error ? ' has-error' : ''}"><label for="${id}">${options.label}</label>${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 6}" maxlength="${options.maxLength}"${options.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>${options.value}</textarea></div>`;
}

/**
 * zod and the card-number screen speak English to developers; people get one catalogue message per
 * field. A field that held a card number gets the message saying so.
 */
export function localiseErrors(request: FastifyRequest, errors: readonly FieldError[], messages: Readonly<Record<string, MessageKey>>, submitted: Record<string, unknown> = {}, params: Record<string, string | number> = {}): FieldError[] {
  const tr = t(request);
  const fields = [...new Set(errors.map((e) => e.field))];
  return fields.map((name) => {
    const value = submitted[name];
    if (typeof value === 'string' && containsCardNumber(value)) return { field: name, message: tr('careers.invalid.cardNumber') };
    const key = messages[name];
    return { field: name, message: key ? tr(key, params) : (errors.find((e) => e.field === name)?.message ?? '') };
  });
}

/** A submitted value to show again in the form; a refused card number is never echoed back, only its last four digits. */
export function submittedString(submitted: Record<string, unknown>, name: string, max: number): string {
  const value = submitted[name];
  return typeof value === 'string' ? maskCardNumbers(value.slice(0, max)) : '';
}
