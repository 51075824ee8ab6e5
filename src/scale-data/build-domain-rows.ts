import { renderPdf } from '../billing/pdf-document.js';
import { sealContact, type ContactInput } from '../domains/domain-contacts.js';
import { sealedDomainFields as f } from '../domains/domains.tables.js';
import { domainJobKinds } from '../domains/fulfil-domain-order.js';
import { localRegistryAuthCode } from '../domains/local-registry.js';
import type { JobPayload } from '../jobs/enqueue-job.js';
import type { BuiltAccount } from './build-account-rows.js';
import { addSubject, date, dateOrNull, type BuildContext, type ChunkRows } from './chunk-rows.js';
import type { CustomerPlan } from './customer-plan.js';
import type { InvoicePlan } from './invoice-book.js';
import { addMonths } from './plan-context.js';
import { asciiLocalPart, type PersonPlan } from './plan-person.js';

const contactOf = (person: PersonPlan, organisation: string | null): ContactInput => ({
  name: `${person.firstName} ${person.lastName}`, organisation, email: person.email, phone: person.phone,
  street: person.street, postalCode: person.postalCode, city: person.city, country: person.country,
});

/**
 * Domains with their four registry contacts (the account holder's sealed with the customer's key,
 * other people with their own), their orders and identity documents, and the registry jobs a
 * running instance would have queued: polls of submitted orders and each active domain's expiry.
 */
export function buildDomainRows(build: BuildContext, rows: ChunkRows, plan: CustomerPlan, owner: BuiltAccount, domainIds: readonly string[], invoiceIds: ReadonlyMap<InvoicePlan, string>): void {
  const holder = contactOf(plan.person, plan.profile?.company ?? null);
  const job = (kind: string, payload: JobPayload, runAt: number, dedupeKey: string, createdAt: number) => rows.jobs.push({
    id: plan.ids.nextId(), kind, payload, status: 'queued', run_at: date(runAt), attempts: 0, max_attempts: 8,
    locked_by: null, locked_until: null, last_error: null, dedupe_key: dedupeKey, created_at: date(createdAt), finished_at: null,
  });
  plan.domains.forEach((domain, d) => {
    const id = domainIds[d]!;
    const createdAt = plan.book.invoices[domain.orders[0]!.invoice]!.issuedAt;
    const lastOrder = domain.orders[domain.orders.length - 1]!;
    rows.domains.push({
      id, account_id: owner.accountId, subject_id: owner.subjectId, fqdn: domain.fqdn, tld: domain.tld.tld, status: domain.status,
      registered_at: dateOrNull(domain.registeredAt), expires_at: dateOrNull(domain.expiresAt),
      transfer_auth_code_enc: domain.authCode ? owner.cipher.encrypt(localRegistryAuthCode(domain.fqdn), f.authCode) : null,
      publish_contact_data: domain.publishedFields.length > 0, published_fields: domain.publishedFields, publication_chosen_at: dateOrNull(domain.publicationChosenAt),
      identity_verified_at: dateOrNull(domain.identityVerifiedAt), created_at: date(createdAt),
      updated_at: date(Math.max(createdAt, lastOrder.finishedAt ?? lastOrder.paidAt ?? 0, domain.publicationChosenAt ?? 0)),
    });
    const synced = dateOrNull(domain.registeredAt);
    for (const role of ['registrant', 'admin', 'tech', 'billing'] as const) {
      const other = domain.others.find((o) => o.role === role);
      if (!other) {
        rows.domain_contacts.push({ id: plan.ids.nextId(), domain_id: id, role, subject_id: owner.subjectId, is_account_holder: true, ...sealContact(owner.cipher, holder), registry_synced_at: synced, updated_at: date(createdAt) });
        continue;
      }
      const subjectId = plan.ids.nextId();
      const cipher = addSubject(build, rows, subjectId, 'contact', createdAt);
      rows.domain_contacts.push({ id: plan.ids.nextId(), domain_id: id, role, subject_id: subjectId, is_account_holder: false, ...sealContact(cipher, contactOf(other.person, null)), registry_synced_at: synced, updated_at: date(createdAt) });
    }
    for (const order of domain.orders) {
      const orderId = plan.ids.nextId();
      const invoice = plan.book.invoices[order.invoice]!;
      const expiry = order.readyAt === null ? null : addMonths(order.readyAt, 12 * order.years);
      rows.domain_orders.push({
        id: orderId, domain_id: id, kind: order.kind, years: order.years, invoice_id: invoiceIds.get(invoice)!, status: order.status,
        registry_operation: order.readyAt === null ? null : `lr1.${order.kind}.${order.readyAt}.exp${expiry}`, failure_reason: null,
        created_at: date(invoice.issuedAt), paid_at: dateOrNull(order.paidAt), submitted_at: dateOrNull(order.submittedAt), finished_at: dateOrNull(order.finishedAt),
      });
      if (order.status === 'submitted') job(domainJobKinds.poll, { orderId }, order.readyAt!, `${domainJobKinds.poll}:${orderId}:${order.readyAt}`, order.submittedAt!);
    }
    if (domain.status === 'active' && domain.expiresAt !== null) job(domainJobKinds.expiry, { domainId: id }, domain.expiresAt, `${domainJobKinds.expiry}:${id}:${domain.expiresAt}`, domain.registeredAt!);
    const document = domain.document;
    if (document) {
      const filename = `${document.type}-${asciiLocalPart(plan.person.lastName) || 'scan'}.pdf`;
      const content = renderPdf([{ texts: [{ x: 72, y: 760, size: 14, text: `Identity document (${document.type.replace('_', ' ')})` }] }], { title: filename, createdAt: date(document.uploadedAt) });
      rows.domain_documents.push({
        id: plan.ids.nextId(), domain_id: id, subject_id: owner.subjectId,
        document_type_enc: owner.cipher.encrypt(document.type, f.documentType), filename_enc: owner.cipher.encrypt(filename, f.documentFilename),
        media_type_enc: owner.cipher.encrypt('application/pdf', f.documentMediaType), content_enc: owner.cipher.encrypt(content.toString('base64'), f.documentContent),
        status: document.decidedAt === null ? 'pending' : 'approved', uploaded_at: date(document.uploadedAt), decided_at: dateOrNull(document.decidedAt), decided_by: null, reason_enc: null,
      });
    }
  });
}
