import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { UploadedFile } from '../uploads/uploads.js';
import { hasOpenOrApprovedDocument, insertDocument } from './domain-documents.store.js';
import { findTld, lockDomain } from './domains.store.js';
import { sealedDomainFields as f, type DocumentType } from './domains.tables.js';

/** Accepted identity documents: scans or photos, a few MB (the route enforces the size, sniffing the type). */
export const identityDocumentUpload = { maxFileBytes: 4 * 1024 * 1024, maxFiles: 1, accept: ['application/pdf', 'image/png', 'image/jpeg'] as const };

export interface UploadIdentityDocumentInput {
  readonly accountId: string;
  readonly domainId: string;
  readonly documentType: DocumentType;
  readonly file: UploadedFile;
}

/**
 * Stores an identity document for a domain whose TLD requires one, sealed with the registrant's
 * key (type, file name, media type and content alike). One document at a time waits for review;
 * after a rejection the customer may upload another.
 */
export async function uploadIdentityDocument(deps: Pick<AppDeps, 'db' | 'keyring' | 'now'>, context: ContextWithoutTransaction, input: UploadIdentityDocumentInput): Promise<string> {
  if (!(identityDocumentUpload.accept as readonly string[]).includes(input.file.mediaType)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `Accepted file types: ${identityDocumentUpload.accept.join(', ')}`);
  }
  return inTransaction(deps.db, context, async (ctx) => {
    const domain = await lockDomain(ctx.trx, input.domainId);
    if (!domain || domain.account_id !== input.accountId) throw new AppError('NOT_FOUND', 'No such domain in this account');
    const tld = await findTld(ctx.trx, domain.tld);
    if (!tld?.requires_identity_document) throw new AppError('CONFLICT', `.${domain.tld} domains need no identity document`);
    if (domain.identity_verified_at !== null) throw new AppError('CONFLICT', 'Your identity for this domain is already confirmed');
    if (domain.status !== 'pending_payment' && domain.status !== 'pending_documents') throw new AppError('CONFLICT', 'This domain does not wait for a document');
    const open = await hasOpenOrApprovedDocument(ctx.trx, domain.id);
    if (open === 'pending') throw new AppError('CONFLICT', 'A document for this domain is already waiting for review');
    if (open === 'approved') throw new AppError('CONFLICT', 'Your identity for this domain is already confirmed');
    const cipher = await deps.keyring.forSubject(ctx.trx, domain.subject_id);
    const documentId = await insertDocument(ctx.trx, {
      domain_id: domain.id,
      subject_id: domain.subject_id,
      document_type_enc: cipher.encrypt(input.documentType, f.documentType),
      filename_enc: cipher.encrypt(input.file.filename, f.documentFilename),
      media_type_enc: cipher.encrypt(input.file.mediaType, f.documentMediaType),
      content_enc: cipher.encrypt(input.file.data.toString('base64'), f.documentContent),
      uploaded_at: deps.now(),
      decided_at: null,
      decided_by: null,
      reason_enc: null,
    });
    await recordAuditEvent(ctx, { action: 'domains.document_uploaded', subjectId: domain.subject_id, details: { domainId: domain.id, documentId, sizeBytes: input.file.data.length } });
    return documentId;
  });
}
