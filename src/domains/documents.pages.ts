import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { hiddenCsrf, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import { describePeriod, formatDate } from './domain-format.js';
import { documentTypes } from './domains.tables.js';
import type { DocumentView, DomainDetail } from './read-domains.js';
import { identityDocumentUpload } from './upload-identity-document.js';

/** What the customer sees of one document's review. */
export function documentStatusText(tr: Translate, document: DocumentView): string {
  if (document.status === 'pending') return tr('domains.documents.statusPending');
  if (document.status === 'approved') return tr('domains.documents.statusApproved');
  return tr('domains.documents.statusRejected');
}

export function documentTypeSelect(tr: Translate, errors: readonly FieldError[] | undefined): SafeHtml {
  const error = errors?.find((e) => e.field === 'documentType');
  return html`<div class="field${error ? ' has-error' : ''}"><label for="field-documentType">${tr('domains.documents.type')}</label>${error ? html`<p class="field-error" id="field-documentType-error">${error.message}</p>` : ''}
<select id="field-documentType" name="documentType"${error ? html` aria-describedby="field-documentType-error" aria-invalid="true"` : ''}>${documentTypes.map((type) => html`<option value="${type}">${tr(`domains.documentType.${type}`)}</option>`)}</select></div>`;
}

/**
 * The identity-document part of a domain page: why the registry needs it, how long it is kept,
 * the review state of every upload, and the upload form while one is needed.
 */
export function renderDocumentsSection(request: FastifyRequest, csrfToken: string, domain: DomainDetail, idDocumentsPeriod: string, errors: readonly FieldError[] | undefined): SafeHtml {
  const tr = t(request);
  const documents = domain.documents ?? [];
  const fileError = errors?.find((e) => e.field === 'document');
  const maxMb = Math.floor(identityDocumentUpload.maxFileBytes / (1024 * 1024));
  const state = domain.identityVerifiedAt
    ? tr('domains.documents.verified', { at: formatDate(domain.identityVerifiedAt) })
    : documents.some((d) => d.status === 'pending') ? tr('domains.documents.statusPending') : tr('domains.documents.needed');
  return html`<section aria-labelledby="documents-title"><h2 id="documents-title">${tr('domains.documents.title')}</h2>
<p><strong>${state}</strong></p>
<p>${tr('domains.documents.why', { tld: domain.tld })}</p>
<p>${tr('domains.documents.keeping', { period: describePeriod(tr, idDocumentsPeriod) })}</p>
${documents.length === 0 ? '' : html`<div class="table-wrap"><table><caption>${tr('domains.documents.caption')}</caption>
<thead><tr><th scope="col">${tr('domains.documents.type')}</th><th scope="col">${tr('domains.documents.file')}</th><th scope="col">${tr('domains.documents.uploaded')}</th><th scope="col">${tr('domains.col.status')}</th></tr></thead>
<tbody>${documents.map((d) => html`<tr><td>${tr(`domains.documentType.${d.documentType}`)}</td><td>${d.filename}</td><td>${formatDate(d.uploadedAt)}</td><td>${documentStatusText(tr, d)}${d.reason && d.status === 'rejected' ? html`<br>${tr('domains.documents.reason', { reason: d.reason })}` : ''}</td></tr>`)}</tbody></table></div>`}
${domain.canUploadDocument ? html`<form method="post" action="/account/domains/${domain.id}/documents" enctype="multipart/form-data">
${hiddenCsrf(csrfToken)}
${documentTypeSelect(tr, errors)}
<div class="field${fileError ? ' has-error' : ''}"><label for="field-document">${tr('domains.documents.file')}</label><p class="hint" id="field-document-hint">${tr('domains.documents.fileHint', { mb: maxMb })}</p>${fileError ? html`<p class="field-error" id="field-document-error">${fileError.message}</p>` : ''}
<input id="field-document" name="document" type="file" accept="application/pdf,image/png,image/jpeg" aria-describedby="field-document-hint${fileError ? ' field-document-error' : ''}"${fileError ? html` aria-invalid="true"` : ''}></div>
<button type="submit">${tr('domains.documents.submit')}</button>
</form>` : ''}
</section>`;
}
