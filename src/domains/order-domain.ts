import { recordAuditEvent } from '../audit/record-audit-event.js';
import { issueInvoice } from '../billing/issue-invoice.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { askRegistrar, registrarCall, resolveOfferedName } from './check-availability.js';
import type { ContactsInput } from './domain-contacts.js';
import { maxOpenUnpaidOrders, scheduleUnpaidOrderExpiry, tooManyUnpaidMessage } from './cancel-domain-order.js';
import { countUnpaidNameOrders, insertDomain, insertOrder, isHeldHere } from './domains.store.js';
import { sealedDomainFields } from './domains.tables.js';
import { saveOrderContacts } from './save-contacts.js';

export interface OrderDomainInput {
  readonly accountId: string;
  readonly subjectId: string;
  /** The customer's language, for the invoice line. */
  readonly locale: string;
  readonly fqdn: string;
  readonly contacts: ContactsInput;
}

export interface OrderedDomain {
  readonly domainId: string;
  readonly orderId: string;
  readonly invoiceId: string;
}

// Invoice lines name the TLD, never the domain: invoices outlive erasure under tax law.

/**
 * Orders a new registration: the name must be free at the registry and not held here. The domain,
 * its contacts, the order and the invoice are created in one transaction; the registration itself
 * happens once the invoice is paid (and, where the TLD needs it, the identity document approved).
 * An order left unpaid expires after `unpaidOrderPeriod` and frees the name again.
 */
export async function registerDomain(deps: AppDeps, context: ContextWithoutTransaction, input: OrderDomainInput & { readonly years: number }): Promise<OrderedDomain> {
  const { fqdn, tld } = await resolveOfferedName(deps, input.fqdn, 'fqdn');
  if (!Number.isInteger(input.years) || input.years < 1 || input.years > tld.max_years) {
    throw new AppError('VALIDATION_FAILED', `.${tld.tld} domains are registered for 1 to ${tld.max_years} years`, { fieldErrors: [{ field: 'years', message: `must be between 1 and ${tld.max_years}` }] });
  }
  await refuseHeldHere(deps, fqdn);
  const answer = await askRegistrar(() => deps.adapters.registrar.checkAvailability(fqdn, registrarCall(deps)));
  if (!answer.available) throw new AppError('CONFLICT', `${fqdn} is not available for registration`, { fieldErrors: [{ field: 'fqdn', message: 'is not available' }] });
  const description = translator(input.locale)('domains.invoice.register', { tld: tld.tld, years: input.years });
  return placeOrder(deps, context, input, { kind: 'register', fqdn, tld: tld.tld, years: input.years, unitAmountCents: tld.yearly_price_cents, quantity: input.years, description, authCode: null });
}

/**
 * Orders a transfer to us: the name must be registered (elsewhere). The auth code is sealed with
 * the customer's key until the transfer ends; the registry checks it when the order is sent.
 */
export async function transferDomain(deps: AppDeps, context: ContextWithoutTransaction, input: OrderDomainInput & { readonly authCode: string }): Promise<OrderedDomain> {
  const { fqdn, tld } = await resolveOfferedName(deps, input.fqdn, 'fqdn');
  await refuseHeldHere(deps, fqdn);
  const answer = await askRegistrar(() => deps.adapters.registrar.checkAvailability(fqdn, registrarCall(deps)));
  if (answer.available) throw new AppError('CONFLICT', `${fqdn} is not registered yet; register it instead`, { fieldErrors: [{ field: 'fqdn', message: 'is not registered yet; register it instead' }] });
  if (answer.reason === 'reserved') throw new AppError('CONFLICT', `${fqdn} is reserved by the registry`, { fieldErrors: [{ field: 'fqdn', message: 'is reserved by the registry' }] });
  const description = translator(input.locale)('domains.invoice.transfer', { tld: tld.tld });
  return placeOrder(deps, context, input, { kind: 'transfer', fqdn, tld: tld.tld, years: 1, unitAmountCents: tld.transfer_price_cents, quantity: 1, description, authCode: input.authCode });
}

async function refuseHeldHere(deps: Pick<AppDeps, 'db'>, fqdn: string): Promise<void> {
  if (await isHeldHere(deps.db, fqdn)) throw new AppError('CONFLICT', `${fqdn} is already held by a customer of ours`, { fieldErrors: [{ field: 'fqdn', message: 'is already registered with us' }] });
}

interface PlacedOrder {
  readonly kind: 'register' | 'transfer';
  readonly fqdn: string;
  readonly tld: string;
  readonly years: number;
  readonly unitAmountCents: number;
  readonly quantity: number;
  readonly description: string;
  readonly authCode: string | null;
}

async function placeOrder(deps: AppDeps, context: ContextWithoutTransaction, input: OrderDomainInput, order: PlacedOrder): Promise<OrderedDomain> {
  try {
    return await inTransaction(deps.db, context, async (ctx) => {
      // Each unpaid order reserves a name until it expires; a cap keeps one account from hoarding names.
      if ((await countUnpaidNameOrders(ctx.trx, input.accountId)) >= maxOpenUnpaidOrders) throw new AppError('CONFLICT', tooManyUnpaidMessage);
      const customer = await deps.keyring.forSubject(ctx.trx, input.subjectId);
      const domainId = await insertDomain(ctx.trx, {
        account_id: input.accountId,
        subject_id: input.subjectId,
        fqdn: order.fqdn,
        tld: order.tld,
        status: 'pending_payment',
        registered_at: null,
        expires_at: null,
        transfer_auth_code_enc: order.authCode === null ? null : customer.encrypt(order.authCode, sealedDomainFields.authCode),
        publication_chosen_at: null,
        identity_verified_at: null,
      });
      const separateContacts = await saveOrderContacts(ctx, deps.keyring, domainId, input.subjectId, input.contacts, deps.now());
      const { invoiceId } = await issueInvoice(deps, ctx, {
        accountId: input.accountId,
        subjectId: input.subjectId,
        lines: [{ description: order.description, quantity: order.quantity, unitAmountCents: order.unitAmountCents, item: { kind: 'domain', id: domainId } }],
      });
      const orderId = await insertOrder(ctx.trx, { domainId, kind: order.kind, years: order.years, invoiceId });
      await scheduleUnpaidOrderExpiry(ctx, orderId, deps.now());
      await recordAuditEvent(ctx, {
        action: order.kind === 'register' ? 'domains.registration_ordered' : 'domains.transfer_ordered',
        subjectId: input.subjectId,
        details: { domainId, orderId, invoiceId, accountId: input.accountId, tld: order.tld, years: order.years, separateContacts },
      });
      return { domainId, orderId, invoiceId };
    });
  } catch (error) {
    // Two orders for one name at the same moment: the unique index lets only one through.
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505') {
      throw new AppError('CONFLICT', `${order.fqdn} is already held by a customer of ours`, { fieldErrors: [{ field: 'fqdn', message: 'is already registered with us' }] });
    }
    throw error;
  }
}
