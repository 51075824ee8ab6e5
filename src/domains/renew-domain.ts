import { recordAuditEvent } from '../audit/record-audit-event.js';
import { issueInvoice } from '../billing/issue-invoice.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { scheduleUnpaidOrderExpiry } from './cancel-domain-order.js';
import { findTld, hasOpenOrder, insertOrder, lockDomain } from './domains.store.js';

export interface RenewDomainInput {
  readonly accountId: string;
  readonly subjectId: string;
  readonly locale: string;
  readonly domainId: string;
  readonly years: number;
}

/**
 * Orders a renewal of an active (or just expired) domain; the registry renews it once the invoice
 * is paid. Registries keep a domain at most ten years ahead, so longer renewals are refused here.
 */
export async function renewDomain(deps: AppDeps, context: ContextWithoutTransaction, input: RenewDomainInput): Promise<{ orderId: string; invoiceId: string }> {
  return inTransaction(deps.db, context, async (ctx) => {
    const domain = await lockDomain(ctx.trx, input.domainId);
    if (!domain || domain.account_id !== input.accountId) throw new AppError('NOT_FOUND', 'No such domain in this account');
    if ((domain.status !== 'active' && domain.status !== 'expired') || !domain.expires_at) throw new AppError('CONFLICT', 'Only a registered domain can be renewed');
    if (await hasOpenOrder(ctx.trx, domain.id, 'renew')) throw new AppError('CONFLICT', 'A renewal of this domain is already under way');
    const tld = await findTld(ctx.trx, domain.tld);
    if (!tld) throw new AppError('INTERNAL', `TLD ${domain.tld} missing from the catalogue`);
    const tooLong = addDuration(domain.expires_at, `P${input.years}Y`).getTime() > addDuration(deps.now(), 'P10Y').getTime();
    if (!Number.isInteger(input.years) || input.years < 1 || input.years > tld.max_years || tooLong) {
      throw new AppError('VALIDATION_FAILED', 'Registries keep a domain at most ten years ahead', { fieldErrors: [{ field: 'years', message: `must keep the domain at most ten years ahead (1 to ${tld.max_years} years)` }] });
    }
    const { invoiceId } = await issueInvoice(deps, ctx, {
      accountId: input.accountId,
      subjectId: input.subjectId,
      lines: [{ description: translator(input.locale)('domains.invoice.renew', { tld: domain.tld, years: input.years }), quantity: input.years, unitAmountCents: tld.yearly_price_cents, item: { kind: 'domain', id: domain.id } }],
    });
    const orderId = await insertOrder(ctx.trx, { domainId: domain.id, kind: 'renew', years: input.years, invoiceId });
    await scheduleUnpaidOrderExpiry(ctx, orderId, deps.now());
    await recordAuditEvent(ctx, { action: 'domains.renewal_ordered', subjectId: domain.subject_id, details: { domainId: domain.id, orderId, invoiceId, years: input.years } });
    return { orderId, invoiceId };
  });
}
