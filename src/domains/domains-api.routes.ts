import { z } from 'zod';
import { accountInScope } from '../http/principal.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { uploadedFileSchema } from '../uploads/uploads.js';
import { changeTechContact } from './change-tech-contact.js';
import { checkAvailability } from './check-availability.js';
import { choosePublication } from './choose-publication.js';
import { contactSchema, type ContactView } from './domain-contacts.js';
import { documentTypeSchema } from './domain-forms.js';
import { cancelUnpaidDomainOrder } from './cancel-domain-order.js';
import { accountAuth, availabilityLimit, domainOrderLimit } from './domain-route-helpers.js';
import { contactRoles, documentStatuses, domainStatuses, orderKinds, orderStatuses, publishableFields } from './domains.tables.js';
import { registerDomain, transferDomain } from './order-domain.js';
import { listCustomerDomains, readCustomerDomain, type DomainDetail, type DomainSummary } from './read-domains.js';
import { renewDomain } from './renew-domain.js';
import { identityDocumentUpload, uploadIdentityDocument } from './upload-identity-document.js';

const tags = ['domains'];
const idParams = z.object({ id: z.uuid() });
const iso = (at: Date | null) => at?.toISOString() ?? null;

const summarySchema = z.object({ id: z.uuid(), fqdn: z.string(), tld: z.string(), status: z.enum(domainStatuses), registeredAt: z.iso.datetime().nullable(), expiresAt: z.iso.datetime().nullable(), createdAt: z.iso.datetime() });
const contactViewSchema = contactSchema.extend({ role: z.enum(contactRoles), organisation: z.string().nullable(), isAccountHolder: z.boolean(), registrySyncedAt: z.iso.datetime().nullable() });
const detailSchema = summarySchema.extend({
  publishContactData: z.boolean(),
  publishedFields: z.array(z.enum(publishableFields)),
  publicationChosenAt: z.iso.datetime().nullable(),
  identityVerifiedAt: z.iso.datetime().nullable(),
  requiresIdentityDocument: z.boolean(),
  contacts: z.array(contactViewSchema),
  documents: z.array(z.object({ id: z.uuid(), documentType: documentTypeSchema, filename: z.string(), status: z.enum(documentStatuses), uploadedAt: z.iso.datetime(), decidedAt: z.iso.datetime().nullable(), reason: z.string().nullable() })),
  orders: z.array(z.object({ id: z.uuid(), kind: z.enum(orderKinds), years: z.number().int(), status: z.enum(orderStatuses), invoiceId: z.string(), failureReason: z.string().nullable(), createdAt: z.iso.datetime(), finishedAt: z.iso.datetime().nullable() })),
});
const orderedSchema = z.object({ domainId: z.uuid(), orderId: z.uuid(), invoiceId: z.string() });
const contactsBody = z.object({ registrant: contactSchema, admin: contactSchema.nullable().default(null), tech: contactSchema.nullable().default(null), billing: contactSchema.nullable().default(null) });

function summaryJson(d: DomainSummary) {
  return { id: d.id, fqdn: d.fqdn, tld: d.tld, status: d.status, registeredAt: iso(d.registeredAt), expiresAt: iso(d.expiresAt), createdAt: d.createdAt.toISOString() };
}

const contactJson = (c: ContactView) => ({ ...c, registrySyncedAt: iso(c.registrySyncedAt) });

function detailJson(d: DomainDetail) {
  return {
    ...summaryJson(d),
    publishContactData: d.publishContactData,
    publishedFields: [...d.publishedFields],
    publicationChosenAt: iso(d.publicationChosenAt),
    identityVerifiedAt: iso(d.identityVerifiedAt),
    requiresIdentityDocument: d.requiresIdentityDocument,
    contacts: d.contacts.map(contactJson),
    documents: (d.documents ?? []).map((doc) => ({ id: doc.id, documentType: doc.documentType, filename: doc.filename, status: doc.status, uploadedAt: doc.uploadedAt.toISOString(), decidedAt: iso(doc.decidedAt), reason: doc.reason })),
    orders: d.orders.map((o) => ({ id: o.id, kind: o.kind, years: o.years, status: o.status, invoiceId: o.invoice_id, failureReason: o.failure_reason, createdAt: o.created_at.toISOString(), finishedAt: iso(o.finished_at) })),
  };
}

/** The domains JSON API for customers (and trusted users granted 'domains'). */
export function registerDomainsApiRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/domains', kind: 'api', auth: accountAuth, tags,
    summary: 'Your domains, newest first.',
    responses: { 200: { description: 'Domains', schema: z.object({ domains: z.array(summarySchema) }) } },
    handler: async ({ account }) => ({ domains: (await listCustomerDomains(deps, accountInScope(account!).accountId)).map(summaryJson) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/domains/availability', kind: 'api', auth: accountAuth, tags, rateLimit: availabilityLimit,
    query: z.object({ name: z.string().min(1).max(300) }),
    summary: 'Whether a name can be registered, asked of the registrar, with its price and whether the TLD needs an identity document.',
    responses: { 200: { description: 'Availability', schema: z.object({ fqdn: z.string(), available: z.boolean(), reason: z.enum(['registered', 'reserved', 'held_here']).nullable(), yearlyPriceCents: z.number().int(), transferPriceCents: z.number().int(), requiresIdentityDocument: z.boolean(), maxYears: z.number().int() }) } },
    handler: async ({ query }) => {
      const result = await checkAvailability(deps, query.name);
      return { fqdn: result.fqdn, available: result.available, reason: result.reason, yearlyPriceCents: result.tld.yearly_price_cents, transferPriceCents: result.tld.transfer_price_cents, requiresIdentityDocument: result.tld.requires_identity_document, maxYears: result.tld.max_years };
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/domains', kind: 'api', auth: accountAuth, tags, rateLimit: domainOrderLimit,
    body: z.object({ fqdn: z.string().max(300), years: z.number().int().min(1).max(10).default(1), contacts: contactsBody }),
    summary: 'Orders a registration; admin, tech and billing default to the registrant (null). Answers with the invoice to pay.',
    responses: { 201: { description: 'Ordered', schema: orderedSchema }, 409: { description: 'Not available' } },
    handler: async ({ request, reply, account, body }) => {
      const ordered = await registerDomain(deps, contextOf(request, 'dpv:ServiceProvision'), { ...accountInScope(account!), locale: request.locale, fqdn: body.fqdn, years: body.years, contacts: body.contacts });
      return reply.status(201).send(ordered);
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/domains/transfers', kind: 'api', auth: accountAuth, tags, rateLimit: domainOrderLimit,
    body: z.object({ fqdn: z.string().max(300), authCode: z.string().trim().min(1).max(100), contacts: contactsBody }),
    summary: 'Orders a transfer to us with the auth code from the current registrar. Answers with the invoice to pay.',
    responses: { 201: { description: 'Ordered', schema: orderedSchema }, 409: { description: 'Not registered, or already here' } },
    handler: async ({ request, reply, account, body }) => {
      const ordered = await transferDomain(deps, contextOf(request, 'dpv:ServiceProvision'), { ...accountInScope(account!), locale: request.locale, fqdn: body.fqdn, authCode: body.authCode, contacts: body.contacts });
      return reply.status(201).send(ordered);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/domains/:id', kind: 'api', auth: accountAuth, tags, params: idParams,
    summary: 'One of your domains with contacts, identity documents (state only), publication choice and orders.',
    responses: { 200: { description: 'The domain', schema: detailSchema }, 404: { description: 'No such domain in this account' } },
    handler: async ({ account, params }) => detailJson(await readCustomerDomain(deps, accountInScope(account!).accountId, params.id)),
  });

  kit.route({
    method: 'POST', url: '/api/v1/domains/:id/renewals', kind: 'api', auth: accountAuth, tags, rateLimit: domainOrderLimit, params: idParams,
    body: z.object({ years: z.number().int().min(1).max(10) }),
    summary: 'Orders a renewal; answers with the invoice to pay.',
    responses: { 201: { description: 'Ordered', schema: z.object({ orderId: z.uuid(), invoiceId: z.string() }) }, 409: { description: 'Not renewable now' } },
    handler: async ({ request, reply, account, params, body }) => reply.status(201).send(await renewDomain(deps, contextOf(request, 'dpv:ServiceProvision'), { ...accountInScope(account!), locale: request.locale, domainId: params.id, years: body.years })),
  });

  kit.route({
    method: 'POST', url: '/api/v1/domains/:id/cancellation', kind: 'api', auth: accountAuth, tags, params: idParams,
    summary: 'Cancels the domain\'s unpaid order: the invoice is cancelled with a credit note; a registration or transfer frees the name, clears the auth code and deletes documents not yet reviewed.',
    responses: { 200: { description: 'Cancelled', schema: z.object({ orderId: z.uuid() }) }, 404: { description: 'No such domain in this account' }, 409: { description: 'No unpaid order, or already paid' } },
    handler: async ({ request, account, params }) => cancelUnpaidDomainOrder(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id }),
  });

  kit.route({
    method: 'PUT', url: '/api/v1/domains/:id/contacts/tech', kind: 'api', auth: accountAuth, tags, params: idParams,
    body: z.object({ contact: contactSchema.nullable() }),
    summary: 'Replaces the technical contact (null: use the registrant\'s details); sent to the registry when the domain is registered.',
    responses: { 204: { description: 'Changed' } },
    handler: async ({ request, reply, account, params, body }) => {
      await changeTechContact(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id, contact: body.contact });
      return reply.status(204).send();
    },
  });

  kit.route({
    method: 'PUT', url: '/api/v1/domains/:id/publication', kind: 'api', auth: accountAuth, tags, params: idParams,
    body: z.object({ publish: z.boolean(), fields: z.array(z.enum(publishableFields)).max(publishableFields.length).default([]) }),
    summary: 'Stores whether the registrant\'s contact data may be published (default not), with the time, for RDAP.',
    responses: { 204: { description: 'Stored' } },
    handler: async ({ request, reply, account, params, body }) => {
      await choosePublication(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id, publish: body.publish, fields: body.fields });
      return reply.status(204).send();
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/domains/:id/documents', kind: 'api', auth: accountAuth, tags, params: idParams,
    multipart: identityDocumentUpload, bodyContentType: 'multipart/form-data',
    body: z.object({ documentType: documentTypeSchema, document: uploadedFileSchema }),
    summary: 'Uploads an identity document (PDF, PNG or JPEG) where the TLD requires one; stored encrypted until reviewed.',
    responses: { 201: { description: 'Stored', schema: z.object({ documentId: z.uuid() }) }, 409: { description: 'No document needed or one already waits' } },
    handler: async ({ request, reply, account, params, body }) => {
      const documentId = await uploadIdentityDocument(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id, documentType: body.documentType, file: body.document });
      return reply.status(201).send({ documentId });
    },
  });
}
