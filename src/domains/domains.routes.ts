import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { loadAccountProfile } from '../accounts/account-profile.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { accountInScope, type AccountPrincipal } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { checkAvailability, type Availability } from './check-availability.js';
import { localiseDetail, localiseDomainErrors } from './domain-format.js';
import { orderFormSchema, readContactsForm } from './domain-forms.js';
import { renderOrderForm, type FormValues } from './domain-forms.pages.js';
import { accountAuth, consumeAvailabilityLimit, domainOrderLimit, formErrorCodes, htmlPage, moneyFor, pageTags, submitDomainForm, submittedValues } from './domain-route-helpers.js';
import { listTlds } from './domains.store.js';
import { renderDomainsPage } from './domains.pages.js';
import { registerDomainDetailRoutes } from './domain-detail.routes.js';
import { registerDomain, transferDomain } from './order-domain.js';
import { listCustomerDomains } from './read-domains.js';

/** The domains list with the availability check, and the registration and transfer forms. */
export function registerDomainsRoutes(kit: ServerKit): void {
  const { deps } = kit;

  async function listPage(request: FastifyRequest, reply: FastifyReply, account: AccountPrincipal, query: string, result: Availability | null, errors?: FieldError[]) {
    const domains = await listCustomerDomains(deps, accountInScope(account).accountId);
    return sendPage(reply, renderDomainsPage(request, csrfToken(kit, request, reply), { domains, tlds: await listTlds(deps.db), query, result, errors, money: moneyFor(kit, request) }));
  }

  kit.route({
    method: 'GET', url: '/account/domains', kind: 'page', auth: accountAuth, tags: pageTags,
    query: z.object({ fqdn: z.string().max(300).optional() }),
    summary: 'Your domains, the price list, and an availability check (?fqdn=example.com) through the registrar.',
    responses: htmlPage,
    handler: async ({ request, reply, account, query }) => {
      const name = query.fqdn?.trim() ?? '';
      if (name === '') return listPage(request, reply, account!, '', null);
      await consumeAvailabilityLimit(kit, request);
      try {
        return await listPage(request, reply, account!, name, await checkAvailability(deps, name, 'fqdn'));
      } catch (error) {
        if (!(error instanceof AppError) || !formErrorCodes.has(error.code)) throw error;
        const tr = t(request);
        return listPage(request, reply, account!, name, null, error.fieldErrors.length > 0 ? localiseDomainErrors(tr, error.fieldErrors) : [{ field: 'fqdn', message: localiseDetail(tr, error.message) }]);
      }
    },
  });

  for (const kind of ['register', 'transfer'] as const) {
    const url = `/account/domains/${kind}`;

    async function formPage(request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldError[], formError?: string) {
      return sendPage(reply, renderOrderForm(request, csrfToken(kit, request, reply), kind, await listTlds(deps.db), { values, errors, formError }));
    }

    kit.route({
      method: 'GET', url, kind: 'page', auth: accountAuth, tags: pageTags,
      query: z.object({ fqdn: z.string().max(300).optional() }),
      summary: kind === 'register' ? 'The registration form; contacts start from your own name and email.' : 'The form to transfer a domain to us with its auth code.',
      responses: htmlPage,
      handler: async ({ request, reply, account, query }) => {
        const profile = await loadAccountProfile(deps.db, deps.keyring, accountInScope(account!).accountId);
        return formPage(request, reply, {
          fqdn: query.fqdn ?? '', years: '1',
          registrantName: `${profile.firstName} ${profile.lastName}`, registrantEmail: profile.email, registrantCountry: profile.country ?? '',
          adminSame: 'yes', techSame: 'yes', billingSame: 'yes',
        });
      },
    });

    kit.route({
      method: 'POST', url, kind: 'page', auth: accountAuth, tags: pageTags, body: orderFormSchema, rateLimit: domainOrderLimit,
      summary: kind === 'register' ? 'Orders a registration: creates the domain, its contacts and the invoice.' : 'Orders a transfer to us: creates the domain, its contacts and the invoice.',
      responses: { 303: { description: 'To the new domain\'s page' }, 400: { description: 'The form with errors' }, 409: { description: 'The name is not available' } },
      onInvalid: async ({ request, reply, errors, submitted }) => formPage(request, reply, submittedValues(submitted), localiseDomainErrors(t(request), errors)),
      handler: async ({ request, reply, account, body }) => {
        const scope = accountInScope(account!);
        return submitDomainForm(request, reply, async () => {
          const input = { ...scope, locale: request.locale, fqdn: body.fqdn, contacts: readContactsForm(body) };
          const context = contextOf(request, 'dpv:ServiceProvision');
          if (kind === 'transfer' && !body.authCode) throw new AppError('VALIDATION_FAILED', 'The auth code is missing', { fieldErrors: [{ field: 'authCode', message: 'is required' }] });
          const ordered = kind === 'register'
            ? await registerDomain(deps, context, { ...input, years: body.years ?? 1 })
            : await transferDomain(deps, context, { ...input, authCode: body.authCode! });
          return reply.redirect(`/account/domains/${ordered.domainId}?done=ordered`, 303);
        }, (errors, formError) => formPage(request, reply, submittedValues(body as Record<string, unknown>), errors, formError));
      },
    });
  }

  registerDomainDetailRoutes(kit);
}
