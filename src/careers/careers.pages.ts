import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, renderPage, t } from '../http/layout.js';
import type { ApplicantStatusView } from './applicant-status.js';
import { cvLimits } from './apply-for-job.js';
import { formatDate, formatTime, paragraphs, textArea } from './careers-forms.js';
import type { OpeningRow } from './careers.store.js';

export const applicationLimits = { name: 200, phone: 40, coverLetter: 10_000 } as const;

/** Careers pages are public and never show the customer account area: applicants are kept apart from customers. */
function careersPage(request: FastifyRequest, csrf: string, title: string, main: SafeHtml): SafeHtml {
  return renderPage({ request, title, area: 'public', main, csrfToken: csrf });
}

export function renderCareersPage(request: FastifyRequest, csrf: string, openings: readonly OpeningRow[]): SafeHtml {
  const tr = t(request);
  const main = html`<p>${tr('careers.intro')}</p>
${openings.length === 0 ? html`<p>${tr('careers.none')}</p>` : html`<ul class="openings">${openings.map((o) => html`<li><article aria-labelledby="opening-${o.id}">
<h2 id="opening-${o.id}">${o.title}</h2>
<p class="hint">${o.location}</p>
<p><a href="/careers/${o.id}/apply">${tr('careers.applyFor', { position: o.title })}</a></p>
</article></li>`)}</ul>`}`;
  return careersPage(request, csrf, tr('careers.title'), main);
}

export interface ApplyFormState {
  readonly errors?: readonly FieldError[];
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly coverLetter?: string;
}

export function renderApplyPage(request: FastifyRequest, csrf: string, opening: OpeningRow, retention: string, state: ApplyFormState = {}): SafeHtml {
  const tr = t(request);
  const errors = state.errors;
  const cvError = errors?.find((e) => e.field === 'cv');
  const main = html`<p class="hint">${opening.location}</p>
<div class="opening-description">${paragraphs(opening.description)}</div>
<section aria-labelledby="privacy-title" class="panel">
<h2 id="privacy-title">${tr('careers.privacy.title')}</h2>
<p>${tr('careers.privacy.basis')}</p>
<p>${tr('careers.privacy.apart')}</p>
<p>${tr('careers.privacy.retention', { period: retention })}</p>
<p>${tr('careers.privacy.minimum')}</p>
<p><a href="/privacy">${tr('careers.privacy.more')}</a></p>
</section>
<h2 id="apply-title">${tr('careers.form.title')}</h2>
${errorSummary(request, errors)}
<form method="post" action="/careers/${opening.id}/apply" enctype="multipart/form-data" aria-labelledby="apply-title">
${hiddenCsrf(csrf)}
${field({ name: 'name', label: tr('careers.field.name'), value: state.name ?? '', autocomplete: 'name', required: true, errors })}
${field({ name: 'email', label: tr('careers.field.email'), type: 'email', value: state.email ?? '', autocomplete: 'email', required: true, errors, hint: tr('careers.field.emailHint') })}
${field({ name: 'phone', label: tr('careers.field.phone'), type: 'tel', value: state.phone ?? '', autocomplete: 'tel', errors })}
${textArea({ name: 'coverLetter', label: tr('careers.field.coverLetter'), value: state.coverLetter ?? '', errors, maxLength: applicationLimits.coverLetter, rows: 10, required: true, hint: tr('careers.field.coverLetterHint') })}
<div class="field${cvError ? ' has-error' : ''}"><label for="field-cv">${tr('careers.field.cv')}</label><p class="hint" id="field-cv-hint">${tr('careers.field.cvHint', { mb: Math.floor(cvLimits.maxBytes / 1024 / 1024) })}</p>${cvError ? html`<p class="field-error" id="field-cv-error">${cvError.message}</p>` : ''}<input id="field-cv" name="cv" type="file" accept="application/pdf,.pdf" required aria-describedby="field-cv-hint${cvError ? ' field-cv-error' : ''}"${cvError ? html` aria-invalid="true"` : ''}></div>
<p class="actions"><button type="submit">${tr('careers.form.submit')}</button></p>
</form>
<p><a href="/careers">${tr('careers.back')}</a></p>`;
  return careersPage(request, csrf, opening.title, main);
}

export function renderAppliedPage(request: FastifyRequest, csrf: string, opening: OpeningRow): SafeHtml {
  const tr = t(request);
  const main = html`<div class="notice" role="status"><p>${tr('careers.applied.thanks', { position: opening.title })}</p></div>
<p>${tr('careers.applied.email')}</p>
<p><a href="/careers">${tr('careers.back')}</a></p>`;
  return careersPage(request, csrf, tr('careers.applied.title'), main);
}

export function renderApplicantStatusPage(request: FastifyRequest, csrf: string, token: string, view: ApplicantStatusView, retention: string, done: boolean): SafeHtml {
  const tr = t(request);
  const closedNote = view.removalRequestedAt
    ? tr('careers.status.removalRequested', { at: formatTime(view.removalRequestedAt), date: formatDate(view.deletedBy ?? view.removalRequestedAt) })
    : view.deletedBy ? tr('careers.status.closedDeletion', { date: formatDate(view.deletedBy) }) : tr('careers.status.underWay');
  const withdrawForm = view.removalRequestedAt ? html`` : html`<h2 id="withdraw-title">${tr('careers.withdraw.title')}</h2>
<p>${view.deletedBy ? tr('careers.withdraw.explain', { period: retention }) : tr('careers.withdraw.explainUndecided')}</p>
<form method="post" action="/careers/applications/${token}/withdraw" aria-labelledby="withdraw-title">${hiddenCsrf(csrf)}<button type="submit" class="danger">${tr('careers.withdraw.button')}</button></form>`;
  const main = html`${notice(done ? tr('careers.withdraw.done') : undefined)}
<dl>
<dt>${tr('careers.status.position')}</dt><dd>${view.positionTitle}</dd>
<dt>${tr('careers.status.received')}</dt><dd>${formatTime(view.receivedAt)}</dd>
<dt>${tr('careers.status.current')}</dt><dd>${tr(`careers.state.${view.status}`)}</dd>
</dl>
<p>${closedNote}</p>
${withdrawForm}
<p><a href="/privacy">${tr('careers.privacy.more')}</a></p>`;
  return careersPage(request, csrf, tr('careers.status.title'), main);
}

/** After a withdrawal before any decision: the application and its data are gone. */
export function renderWithdrawnPage(request: FastifyRequest, csrf: string): SafeHtml {
  const tr = t(request);
  return careersPage(request, csrf, tr('careers.withdrawn.title'), html`<p>${tr('careers.withdrawn.body')}</p>
<p><a href="/careers">${tr('careers.withdrawn.back')}</a></p>`);
}
