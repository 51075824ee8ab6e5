import { truncateIp } from '../http/client-info.js';
import { licenceKeyField } from '../services/provision-service.js';
import type { BuiltAccount } from './build-account-rows.js';
import { date, dateOrNull, type BuildContext, type ChunkRows } from './chunk-rows.js';
import type { CustomerPlan } from './customer-plan.js';
import type { InvoicePlan } from './invoice-book.js';
import { base32Encode as base32 } from '../auth/totp.js';
import { derivedBytes } from './scale-ids.js';

/** The local panel's external id prefixes (src/services/local-provisioning.ts). */
const externalPrefix: Readonly<Record<string, string>> = { shared_hosting: 'web', ssl_certificate: 'crt', vps: 'vps', dedicated_server: 'srv' };

/**
 * Services as provisioning leaves them: addresses and the panel's id once set up, the order's
 * invoice, suspension and cancellation times. A licence is issued with its key (sealed with the
 * holder's key) and bound to the server ordered for; its checks are the panel's daily calls.
 */
export function buildServiceRows(build: BuildContext, rows: ChunkRows, plan: CustomerPlan, owner: BuiltAccount, serviceIds: readonly string[], invoiceIds: ReadonlyMap<InvoicePlan, string>): void {
  plan.services.forEach((service, s) => {
    const id = serviceIds[s]!;
    const invoice = plan.book.invoices[service.orderInvoice]!;
    const setUp = service.activatedAt !== null;
    const isLicence = service.plan.kind === 'panel_licence';
    const publicId = isLicence && setUp ? `CL-${base32(derivedBytes('licence', id, 10))}` : null;
    const updatedAt = Math.max(invoice.issuedAt, service.activatedAt ?? 0, service.suspendedAt ?? 0, service.cancelledAt ?? 0);
    rows.services.push({
      id, account_id: owner.accountId, subject_id: owner.subjectId, plan_id: build.planIds.get(service.plan.code)!, status: service.status,
      hostname: service.hostname,
      server_ip: isLicence || setUp ? service.serverIp : null,
      server_ipv6: setUp ? service.serverIpv6 : null,
      external_id: publicId ?? (setUp ? `${externalPrefix[service.plan.kind] ?? 'web'}-${id}` : null),
      operation_id: null,
      failure_reason: service.failed ? 'rejected_by_panel' : null,
      suspension_reason: service.suspendedAt !== null ? 'non_payment' : null,
      invoice_id: invoiceIds.get(invoice)!,
      ordered_at: date(invoice.issuedAt), activated_at: dateOrNull(service.activatedAt), period_ends_at: dateOrNull(service.periodEndsAt),
      suspended_at: dateOrNull(service.suspendedAt), cancel_at: dateOrNull(service.cancelledAt), cancelled_at: dateOrNull(service.cancelledAt),
      updated_at: date(updatedAt),
    });
    if (!publicId || !service.serverIp) return;
    const licenceId = plan.ids.nextId();
    const key = base32(derivedBytes('licence-key', id, 20)).match(/.{4}/g)!.join('-');
    rows.licences.push({ id: licenceId, service_id: id, subject_id: owner.subjectId, public_id: publicId, key_enc: owner.cipher.encrypt(key, licenceKeyField), bound_ip: service.serverIp, issued_at: date(service.activatedAt!) });
    const ownNetwork = truncateIp(service.serverIp);
    for (const check of service.licenceChecks) {
      rows.licence_checks.push({
        id: plan.ids.nextId(), licence_id: licenceId, subject_id: owner.subjectId, checked_at: date(check.at),
        // A licence used elsewhere is checked from another network.
        caller_ip_truncated: check.matched ? ownNetwork : '192.0.2.0/24',
        server_ip_matched: check.matched, software_version: check.version, result: check.result,
      });
    }
  });
}
