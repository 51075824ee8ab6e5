import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, hiddenCsrf, notice, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { RegistrarFailureReason } from './registrar.adapter.js';
import { describePeriod, formatDate, formatTime } from './domain-format.js';
import { contactsTable, statusLabel } from './domains.pages.js';
import { documentStatusText } from './documents.pages.js';
import { domainStatuses, type DomainStatus } from './domains.tables.js';
import type { DocumentView, DomainDetail, DomainSummary } from './read-domains.js';

export function renderConsoleDomainsMain(request: FastifyRequest, domains: ReadonlyArray<DomainSummary & { pendingDocuments: number }>, status: DomainStatus | null): SafeHtml {
  const tr = t(request);
  return html`<form method="get" action="/console/domains">
<div class="field"><label for="field-status">${tr('domains.console.filter')}</label><select id="field-status" name="status"><option value="">${tr('domains.console.allStatuses')}</option>${domainStatuses.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${statusLabel(tr, s)}</option>`)}</select></div>
<button type="submit">${tr('domains.console.apply')}</button>
</form>
${domains.length === 0 ? html`<p>${tr('domains.console.none')}</p>` : html`<div class="table-wrap"><table><caption>${tr('domains.console.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.col.domain')}</th><th scope="col">${tr('domains.col.status')}</th><th scope="col">${tr('domains.col.account')}</th><th scope="col">${tr('domains.col.expires')}</th><th scope="col">${tr('domains.col.documentsWaiting')}</th></tr></thead>
<tbody>${domains.map((d) => html`<tr><td><a href="/console/domains/${d.id}">${d.fqdn}</a></td><td>${statusLabel(tr, d.status)}</td><td><code>${d.accountId.slice(0, 8)}</code></td><td>${formatDate(d.expiresAt)}</td><td>${d.pendingDocuments > 0 ? tr('domains.console.waiting', { n: d.pendingDocuments }) : '—'}</td></tr>`)}</tbody></table></div>`}`;
}

function decisionForm(tr: Translate, csrf: string, domainId: string, document: DocumentView, errors: readonly FieldError[] | undefined): SafeHtml {
  const id = `reason-${document.id}`;
  const error = errors?.find((e) => e.field === 'reason' || e.field === 'decision');
  return html`<form method="post" action="/console/domains/${domainId}/documents/${document.id}/decision">
${hiddenCsrf(csrf)}
<fieldset><legend>${tr('domains.console.decision')}</legend>
<div class="field field-checkbox"><input type="radio" id="approve-${document.id}" name="decision" value="approve" checked><label for="approve-${document.id}">${tr('domains.console.approve')}</label></div>
<div class="field field-checkbox"><input type="radio" id="reject-${document.id}" name="decision" value="reject"><label for="reject-${document.id}">${tr('domains.console.reject')}</label></div>
</fieldset>
<div class="field${error ? ' has-error' : ''}"><label for="${id}">${tr('domains.console.reason')}</label><p class="hint" id="${id}-hint">${tr('domains.console.reasonHint')}</p>${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<textarea id="${id}" name="reason" rows="3" aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"></textarea></div>
<button type="submit">${tr('domains.console.decide')}</button>
</form>`;
}

function documentsSection(tr: Translate, csrf: string, domain: DomainDetail, period: string, errors: readonly FieldError[] | undefined): SafeHtml {
  if (!domain.requiresIdentityDocument) return html``;
  if (domain.documents === null) return html`<section aria-labelledby="documents-title"><h2 id="documents-title">${tr('domains.documents.title')}</h2><p>${tr('domains.console.noReviewPermission')}</p></section>`;
  return html`<section aria-labelledby="documents-title"><h2 id="documents-title">${tr('domains.documents.title')}</h2>
<p>${domain.identityVerifiedAt ? tr('domains.documents.verified', { at: formatDate(domain.identityVerifiedAt) }) : tr('domains.documents.needed')}</p>
<p class="hint">${tr('domains.console.viewsAudited', { period: describePeriod(tr, period) })}</p>
${domain.documents.length === 0 ? html`<p>${tr('domains.console.noDocuments')}</p>` : domain.documents.map((d) => html`<section class="panel" aria-labelledby="doc-${d.id}"><h3 id="doc-${d.id}">${tr(`domains.documentType.${d.documentType}`)} · ${formatTime(d.uploadedAt)}</h3>
<p>${documentStatusText(tr, d)}${d.decidedAt ? html` (${formatTime(d.decidedAt)})` : ''}${d.reason ? html` — ${d.reason}` : ''}</p>
<p><a href="/console/domains/${domain.id}/documents/${d.id}">${tr('domains.console.view', { filename: d.filename })}</a></p>
${d.status === 'pending' ? decisionForm(tr, csrf, domain.id, d, errors) : ''}
</section>`)}
</section>`;
}

export function renderConsoleDomainMain(request: FastifyRequest, csrf: string, domain: DomainDetail, extras: { notice?: string; errors?: readonly FieldError[]; formError?: string; idDocumentsPeriod: string }): SafeHtml {
  const tr = t(request);
  return html`${notice(extras.notice)}${errorSummary(request, extras.errors, extras.formError)}
<dl>
<dt>${tr('domains.col.status')}</dt><dd>${statusLabel(tr, domain.status)}</dd>
<dt>${tr('domains.col.account')}</dt><dd><code>${domain.accountId}</code></dd>
<dt>${tr('domains.col.registered')}</dt><dd>${formatDate(domain.registeredAt)}</dd>
<dt>${tr('domains.col.expires')}</dt><dd>${formatDate(domain.expiresAt)}</dd>
<dt>${tr('domains.publication.title')}</dt><dd>${domain.publishContactData ? tr('domains.publication.currentPublished', { fields: domain.publishedFields.map((f) => tr(`domains.publication.field.${f}`)).join(', ') }) : tr('domains.publication.currentHidden')}</dd>
</dl>
${documentsSection(tr, csrf, domain, extras.idDocumentsPeriod, extras.errors)}
<section aria-labelledby="contacts-title"><h2 id="contacts-title">${tr('domains.contacts.title')}</h2>${contactsTable(tr, domain.contacts)}</section>
<section aria-labelledby="orders-title"><h2 id="orders-title">${tr('domains.orders.title')}</h2>
${domain.orders.length === 0 ? html`<p>—</p>` : html`<div class="table-wrap"><table><caption>${tr('domains.orders.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.col.order')}</th><th scope="col">${tr('domains.col.status')}</th><th scope="col">${tr('domains.col.invoice')}</th><th scope="col">${tr('domains.col.ordered')}</th><th scope="col">${tr('domains.col.finished')}</th></tr></thead>
<tbody>${domain.orders.map((o) => html`<tr><td>${tr(`domains.order.${o.kind}`)}</td><td>${tr(`domains.orderStatus.${o.status}`)}${o.failure_reason ? html` — ${tr(`domains.failure.${o.failure_reason as RegistrarFailureReason}`)}` : ''}</td><td><code>${o.invoice_id.slice(0, 8)}</code></td><td>${formatDate(o.created_at)}</td><td>${formatDate(o.finished_at)}</td></tr>`)}</tbody></table></div>`}
</section>
<p><a href="/console/domains">${tr('domains.console.back')}</a></p>`;
}
