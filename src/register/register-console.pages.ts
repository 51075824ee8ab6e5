import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, notice } from '../http/layout.js';
import type { FieldError } from '../errors/app-error.js';
import type { Translate } from '../i18n/i18n.js';

export interface RegisterEditorView {
  readonly yaml: string;
  /** Only staff with privacy.manage get the form; readers get the text read-only. */
  readonly canEdit: boolean;
  readonly origin: 'stored' | 'default';
  readonly updatedAt: Date | null;
  readonly errors?: readonly FieldError[];
  readonly saved?: boolean;
}

/** "2026-11-22 07:30": minutes are enough for "last saved". */
export function utcMinutes(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** Every problem with its path in the document, each linked to the text area that holds it. */
function problemSummary(tr: Translate, errors: readonly FieldError[]): SafeHtml {
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${tr('form.errorSummary')}</h2>
<p>${tr('registerConsole.invalid')}</p>
<ul class="register-problems">${errors.map((e) => html`<li><a href="#field-yaml"><code>${e.field === '(root)' ? tr('registerConsole.root') : e.field}</code></a>: ${e.message}</li>`)}</ul>
</div>`;
}

/** The register editor: YAML in a labelled text area, download, and links to what it generates. */
export function registerEditorMain(tr: Translate, view: RegisterEditorView, csrf: string): SafeHtml {
  const errors = view.errors ?? [];
  const hasErrors = errors.length > 0;
  const describedBy = `field-yaml-hint${hasErrors ? ' error-summary-title' : ''}`;
  const textarea = html`<textarea id="field-yaml" class="code-editor"${view.canEdit ? html` name="yaml" required` : html` readonly`} rows="30" cols="100" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="${describedBy}"${hasErrors ? html` aria-invalid="true"` : ''}>${view.yaml}</textarea>`;
  const label = html`<label for="field-yaml">${tr('registerConsole.field.yaml')}</label>`;
  return html`${notice(view.saved ? tr('registerConsole.saved') : undefined)}
${hasErrors ? problemSummary(tr, errors) : ''}
<p>${tr('registerConsole.intro')}</p>
<p>${view.origin === 'default' || !view.updatedAt ? tr('registerConsole.origin.default') : tr('registerConsole.origin.stored', { when: utcMinutes(view.updatedAt) })}</p>
<ul class="register-links">
<li><a href="/api/v1/register.yaml" download="register.yaml">${tr('registerConsole.download')}</a></li>
<li><a href="/console/privacy/record-of-processing">${tr('registerConsole.recordLink')}</a></li>
<li><a href="/privacy">${tr('registerConsole.noticeLink')}</a></li>
</ul>
${view.canEdit
    ? html`<form method="post" action="/console/privacy/register">
${hiddenCsrf(csrf)}
<div class="field field-wide${hasErrors ? ' has-error' : ''}">${label}<p class="hint" id="field-yaml-hint">${tr('registerConsole.field.yamlHint')}</p>${textarea}</div>
<p class="actions"><button type="submit">${tr('registerConsole.save')}</button></p>
</form>`
    : html`<div class="field field-wide">${label}<p class="hint" id="field-yaml-hint">${tr('registerConsole.readOnly')}</p>${textarea}</div>`}`;
}
