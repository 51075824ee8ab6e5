import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { lockDomain, updateDomain } from './domains.store.js';
import { publishableFields, type PublishableField } from './domains.tables.js';

export interface PublicationChoice {
  readonly accountId: string;
  readonly domainId: string;
  readonly publish: boolean;
  /** Which registrant fields to publish; ignored (stored empty) when not publishing. */
  readonly fields: readonly PublishableField[];
}

/**
 * Stores the registrant's choice whether their contact data may be published (RDAP reads it),
 * with the time it was made. Nothing is published unless chosen; publishing needs at least one field.
 */
export async function choosePublication(deps: Pick<AppDeps, 'db' | 'now'>, context: ContextWithoutTransaction, choice: PublicationChoice): Promise<void> {
  const fields = choice.publish ? publishableFields.filter((field) => choice.fields.includes(field)) : [];
  if (choice.publish && fields.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Choose at least one field to publish, or choose not to publish', { fieldErrors: [{ field: 'fields', message: 'choose at least one field to publish' }] });
  }
  await inTransaction(deps.db, context, async (ctx) => {
    const domain = await lockDomain(ctx.trx, choice.domainId);
    if (!domain || domain.account_id !== choice.accountId) throw new AppError('NOT_FOUND', 'No such domain in this account');
    const now = deps.now();
    await updateDomain(ctx.trx, domain.id, { publish_contact_data: choice.publish, published_fields: fields, publication_chosen_at: now }, now);
    await recordAuditEvent(ctx, { action: 'domains.publication_chosen', subjectId: domain.subject_id, details: { domainId: domain.id, publish: choice.publish, fields } });
  });
}
