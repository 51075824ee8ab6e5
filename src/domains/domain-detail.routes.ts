import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { accountInScope, type AccountPrincipal } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { uploadedFileSchema } from '../uploads/uploads.js';
import { changeTechContact } from './change-tech-contact.js';
import { choosePublication } from './choose-publication.js';
import { localiseDomainErrors } from './domain-format.js';
import { documentTypeSchema, publicationFormSchema, readOptionalContact, renewFormSchema, techContactFormSchema } from './domain-forms.js';
import { renderTechContactForm, type FormValues } from './domain-forms.pages.js';
import { contactField } from './domain-forms.js';
import { contactFieldNames } from './domain-contacts.js';
import { renderDomainPage } from './domains.pages.js';
import { cancelUnpaidDomainOrder, unpaidOrderPeriod } from './cancel-domain-order.js';
import { accountAuth, domainOrderLimit, htmlPage, moneyFor, pageTags, submitDomainForm, submittedValues } from './domain-route-helpers.js';
import { readCustomerDomain } from './read-domains.js';
import { renewDomain } from './renew-domain.js';
import { identityDocumentUpload, uploadIdentityDocument } from './upload-identity-document.js';
import { AppError } from '../errors/app-error.js';

const idParams = z.object({ id: z.uuid() });
const doneNotices: Record<string, MessageKey> = {
  ordered: 'domains.done.ordered',
  renewal: 'domains.done.renewal',
  contact: 'domains.done.contact',
  publication: 'domains.done.publication',
  document: 'domains.done.document',
  cancelled: 'domains.done.cancelled',
};
const doneQuery = z.object({ done: z.enum(['ordered', 'renewal', 'contact', 'publication', 'document', 'cancelled']).optional() });

/** One domain's page and its forms: renewal, publication choice, identity document, technical contact. */
export function registerDomainDetailRoutes(kit: ServerKit): void {
  const { deps } = kit;

  async function domainPage(request: FastifyRequest, reply: FastifyReply, account: AccountPrincipal, domainId: string, extras: { notice?: string; errors?: FieldError[]; formError?: string } = {}) {
    const domain = await readCustomerDomain(deps, accountInScope(account).accountId, domainId);
    return sendPage(reply, renderDomainPage(request, csrfToken(kit, request, reply), domain, { ...extras, money: moneyFor(kit, request), idDocumentsPeriod: deps.config.retention.idDocuments, unpaidOrderPeriod }));
  }

  /** Form posts of the domain page re-render it with their errors. */
  const onInvalid = async ({ request, reply, errors }: { request: FastifyRequest; reply: FastifyReply; errors: FieldError[] }) => {
    const id = idParams.safeParse(request.params);
    if (!id.success || !request.account) throw new AppError('NOT_FOUND', 'No such domain in this account');
    return domainPage(request, reply, request.account, id.data.id, { errors: localiseDomainErrors(t(request), errors) });
  };

  kit.route({
    method: 'GET', url: '/account/domains/:id', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams, query: doneQuery,
    summary: 'One of your domains: state, contacts, identity document, publication choice, renewal and orders.',
    responses: { ...htmlPage, 404: { description: 'No such domain in this account' } },
    handler: async ({ request, reply, account, params, query }) => domainPage(request, reply, account!, params.id, { notice: query.done ? t(request)(doneNotices[query.done]!) : undefined }),
  });

  kit.route({
    method: 'POST', url: '/account/domains/:id/renew', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams, body: renewFormSchema, onInvalid, rateLimit: domainOrderLimit,
    summary: 'Orders a renewal of the domain and issues its invoice.',
    responses: { 303: { description: 'Back to the domain' }, 409: { description: 'Not renewable now' } },
    handler: async ({ request, reply, account, params, body }) => submitDomainForm(request, reply, async () => {
      await renewDomain(deps, contextOf(request, 'dpv:ServiceProvision'), { ...accountInScope(account!), locale: request.locale, domainId: params.id, years: body.years });
      return reply.redirect(`/account/domains/${params.id}?done=renewal`, 303);
    }, (errors, formError) => domainPage(request, reply, account!, params.id, { errors, formError })),
  });

  kit.route({
    method: 'POST', url: '/account/domains/:id/cancel', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams,
    summary: 'Cancels the domain\'s unpaid order and credits its invoice in full; a registration or transfer frees the name.',
    responses: { 303: { description: 'Back to the domain' }, 404: { description: 'No such domain in this account' }, 409: { description: 'No unpaid order, or already paid' } },
    handler: async ({ request, reply, account, params }) => submitDomainForm(request, reply, async () => {
      await cancelUnpaidDomainOrder(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id });
      return reply.redirect(`/account/domains/${params.id}?done=cancelled`, 303);
    }, (errors, formError) => domainPage(request, reply, account!, params.id, { errors, formError })),
  });

  kit.route({
    method: 'POST', url: '/account/domains/:id/publication', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams, body: publicationFormSchema, onInvalid,
    summary: 'Stores whether the registrant\'s contact data may be published (default: not), with the time, for RDAP.',
    responses: { 303: { description: 'Back to the domain' } },
    handler: async ({ request, reply, account, params, body }) => submitDomainForm(request, reply, async () => {
      await choosePublication(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id, publish: body.publish === 'yes', fields: body.fields });
      return reply.redirect(`/account/domains/${params.id}?done=publication`, 303);
    }, (errors, formError) => domainPage(request, reply, account!, params.id, { errors, formError })),
  });

  kit.route({
    method: 'POST', url: '/account/domains/:id/documents', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams,
    multipart: identityDocumentUpload, bodyContentType: 'multipart/form-data',
    body: z.object({ documentType: documentTypeSchema, document: uploadedFileSchema }), onInvalid,
    summary: 'Uploads an identity document (PDF, PNG or JPEG) where the TLD requires one; stored encrypted until reviewed.',
    responses: { 303: { description: 'Back to the domain' }, 409: { description: 'No document needed or one already waits' }, 413: { description: 'File too large' }, 415: { description: 'Not a PDF, PNG or JPEG' } },
    handler: async ({ request, reply, account, params, body }) => submitDomainForm(request, reply, async () => {
      await uploadIdentityDocument(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id, documentType: body.documentType, file: body.document });
      return reply.redirect(`/account/domains/${params.id}?done=document`, 303);
    }, (errors, formError) => domainPage(request, reply, account!, params.id, { errors, formError })),
  });

  async function techPage(request: FastifyRequest, reply: FastifyReply, account: AccountPrincipal, domainId: string, values: FormValues | null, errors?: FieldError[], formError?: string) {
    const domain = await readCustomerDomain(deps, accountInScope(account).accountId, domainId);
    const tech = domain.contacts.find((c) => c.role === 'tech');
    const initial: FormValues = tech && !tech.isAccountHolder
      ? Object.fromEntries(contactFieldNames.map((name) => [contactField('tech', name), String(tech[name] ?? '')]))
      : { techSame: 'yes' };
    return sendPage(reply, renderTechContactForm(request, csrfToken(kit, request, reply), domain, { values: values ?? initial, errors, formError }));
  }

  kit.route({
    method: 'GET', url: '/account/domains/:id/tech-contact', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams,
    summary: 'The form to change the domain\'s technical contact.',
    responses: { ...htmlPage, 404: { description: 'No such domain in this account' } },
    handler: async ({ request, reply, account, params }) => techPage(request, reply, account!, params.id, null),
  });

  kit.route({
    method: 'POST', url: '/account/domains/:id/tech-contact', kind: 'page', auth: accountAuth, tags: pageTags, params: idParams, body: techContactFormSchema,
    summary: 'Changes the technical contact (audited); a registered domain gets it sent to the registry.',
    responses: { 303: { description: 'Back to the domain' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const id = idParams.safeParse(request.params);
      if (!id.success || !request.account) throw new AppError('NOT_FOUND', 'No such domain in this account');
      return techPage(request, reply, request.account, id.data.id, submittedValues(submitted), localiseDomainErrors(t(request), errors));
    },
    handler: async ({ request, reply, account, params, body }) => submitDomainForm(request, reply, async () => {
      const errors: FieldError[] = [];
      const contact = readOptionalContact(body, 'tech', errors);
      if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some contact details are missing or not valid', { fieldErrors: errors });
      await changeTechContact(deps, contextOf(request, 'dpv:ServiceProvision'), { accountId: accountInScope(account!).accountId, domainId: params.id, contact });
      return reply.redirect(`/account/domains/${params.id}?done=contact`, 303);
    }, (errors, formError) => techPage(request, reply, account!, params.id, submittedValues(body as Record<string, unknown>), errors, formError)),
  });
}
