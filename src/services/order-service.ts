import { findAccountById } from '../accounts/accounts.store.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { issueInvoice } from '../billing/issue-invoice.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { normaliseHostname, publicServerIp } from './ip-addresses.js';
import { findActivePlanByCode, insertService, updateServiceIf, type PlanRow } from './services.store.js';

export interface OrderServiceInput {
  readonly planCode: string;
  /** Domain (hosting, certificates) or server hostname (VPS, dedicated); ignored for licences. */
  readonly hostname?: string | undefined;
  /** The server a panel licence is for; ignored for other plans. */
  readonly serverIp?: string | undefined;
}

export interface OrderedService {
  readonly serviceId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
}

/**
 * Orders a plan for the account in scope: the service starts as 'ordered' and its invoice is issued
 * in the same transaction, so there is never an order without an invoice or the reverse. Paying
 * the invoice queues the fulfil job that provisions it (provision-service.ts).
 */
export async function orderService(deps: Pick<AppDeps, 'db' | 'config' | 'keyring' | 'now'>, base: ContextWithoutTransaction, scope: { readonly accountId: string; readonly subjectId: string }, input: OrderServiceInput): Promise<OrderedService> {
  return inTransaction(deps.db, base, async (ctx) => {
    const plan = await findActivePlanByCode(ctx.trx, input.planCode);
    if (!plan) throw new AppError('VALIDATION_FAILED', 'Choose a plan from the catalogue', { fieldErrors: [{ field: 'plan', message: 'Choose a plan from the catalogue' }] });
    const target = orderTarget(plan, input);
    const service = await insertService(ctx.trx, { account_id: scope.accountId, subject_id: scope.subjectId, plan_id: plan.id, ...target });
    const account = await findAccountById(ctx.trx, scope.accountId);
    const tr = translator(account?.locale ?? 'en');
    // The invoice is a tax record kept after erasure: it names the plan and a service reference, never the hostname or IP.
    const invoice = await issueInvoice(deps, ctx, {
      accountId: scope.accountId,
      subjectId: scope.subjectId,
      lines: [{ description: tr('services.invoiceLine', { plan: plan.name, reference: service.id.slice(0, 8) }), quantity: 1, unitAmountCents: plan.monthly_price_cents, item: { kind: 'service', id: service.id } }],
    });
    await updateServiceIf(ctx.trx, service.id, ['ordered'], { invoice_id: invoice.invoiceId });
    await recordAuditEvent(ctx, { action: 'service.ordered', subjectId: scope.subjectId, details: { serviceId: service.id, accountId: scope.accountId, planCode: plan.code, invoiceId: invoice.invoiceId, fields: Object.keys(target).filter((k) => target[k as keyof typeof target] !== null) } });
    return { serviceId: service.id, invoiceId: invoice.invoiceId, invoiceNumber: invoice.number };
  });
}

/** What the plan needs to be set up: a hostname for hosting, servers and certificates; a public server IP for a licence. */
function orderTarget(plan: PlanRow, input: OrderServiceInput): { hostname: string | null; server_ip: string | null } {
  const errors: FieldError[] = [];
  if (plan.kind === 'panel_licence') {
    const ip = input.serverIp ? publicServerIp(input.serverIp) : null;
    if (!ip) errors.push({ field: 'serverIp', message: 'Enter the public IPv4 or IPv6 address of the server the licence is for' });
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The order is not complete', { fieldErrors: errors });
    return { hostname: null, server_ip: ip };
  }
  const hostname = input.hostname ? normaliseHostname(input.hostname) : null;
  if (!hostname) errors.push({ field: 'hostname', message: 'Enter a domain or hostname such as example.com' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The order is not complete', { fieldErrors: errors });
  return { hostname, server_ip: null };
}
