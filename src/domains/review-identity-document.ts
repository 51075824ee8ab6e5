import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findDocument, lockDocument, recordDecision } from './domain-documents.store.js';
import { findPaidOrderAwaitingIdentity, lockDomain, updateDomain } from './domains.store.js';
import { sealedDomainFields as f } from './domains.tables.js';
import { enqueueSubmit } from './fulfil-domain-order.js';

export interface OpenedDocument {
  readonly filename: string;
  readonly mediaType: string;
  readonly data: Buffer;
}

/**
 * Opens an identity document for a reviewer. Every view is audited (who, which document), in the
 * same transaction that reads it, so no view goes unrecorded.
 */
export async function viewIdentityDocument(deps: Pick<AppDeps, 'db' | 'keyring'>, context: ContextWithoutTransaction, input: { domainId: string; documentId: string; staffId: string }): Promise<OpenedDocument> {
  return inTransaction(deps.db, context, async (ctx) => {
    const row = await findDocument(ctx.trx, input.domainId, input.documentId);
    if (!row) throw new AppError('NOT_FOUND', 'No such document (decided documents are deleted after the retention period)');
    const cipher = await deps.keyring.forSubject(ctx.trx, row.subject_id);
    await recordAuditEvent(ctx, { action: 'domains.document_viewed', subjectId: row.subject_id, details: { domainId: row.domain_id, documentId: row.id, staffId: input.staffId } });
    return {
      filename: cipher.decrypt(row.filename_enc, f.documentFilename),
      mediaType: cipher.decrypt(row.media_type_enc, f.documentMediaType),
      data: Buffer.from(cipher.decrypt(row.content_enc, f.documentContent), 'base64'),
    };
  });
}

export interface DocumentDecision {
  readonly domainId: string;
  readonly documentId: string;
  readonly staffId: string;
  readonly decision: 'approve' | 'reject';
  /** Required for a rejection (the customer reads it); optional note for an approval. */
  readonly reason: string;
}

/**
 * Approves or rejects a pending document. Approval confirms the registrant's identity on the domain
 * (it outlives the document, which the retention sweep deletes after the configured period) and
 * sends a paid order that waited for it to the registry.
 */
export async function decideIdentityDocument(deps: Pick<AppDeps, 'db' | 'keyring' | 'now'>, context: ContextWithoutTransaction, input: DocumentDecision): Promise<void> {
  const reason = input.reason.trim();
  if (input.decision === 'reject' && reason === '') {
    throw new AppError('VALIDATION_FAILED', 'Give the customer a reason for the rejection', { fieldErrors: [{ field: 'reason', message: 'give the customer a reason for the rejection' }] });
  }
  await inTransaction(deps.db, context, async (ctx) => {
    const domain = await lockDomain(ctx.trx, input.domainId);
    const document = domain ? await lockDocument(ctx.trx, domain.id, input.documentId) : undefined;
    if (!domain || !document) throw new AppError('NOT_FOUND', 'No such document');
    if (document.status !== 'pending') throw new AppError('CONFLICT', 'This document was already decided');
    const now = deps.now();
    const cipher = await deps.keyring.forSubject(ctx.trx, document.subject_id);
    await recordDecision(ctx.trx, document.id, { status: input.decision === 'approve' ? 'approved' : 'rejected', at: now, by: input.staffId, reasonEnc: reason === '' ? null : cipher.encrypt(reason, f.documentReason) });
    let released = false;
    if (input.decision === 'approve') {
      await updateDomain(ctx.trx, domain.id, { identity_verified_at: now }, now);
      const waiting = domain.status === 'pending_documents' ? await findPaidOrderAwaitingIdentity(ctx.trx, domain.id) : undefined;
      if (waiting) {
        await updateDomain(ctx.trx, domain.id, { status: waiting.kind === 'register' ? 'registering' : 'transfer_pending' }, now);
        await enqueueSubmit(ctx, waiting.id);
        released = true;
      }
    }
    await recordAuditEvent(ctx, { action: 'domains.document_decided', subjectId: document.subject_id, details: { domainId: domain.id, documentId: document.id, decision: input.decision, staffId: input.staffId, orderReleased: released } });
  });
}
