import { loadAccountProfile } from '../accounts/account-profile.js';
import { payWithTestCard } from '../billing/pay-with-test-card.js';
import { systemContext } from '../context/request-context.js';
import { countryPools } from '../demo/demo-names.js';
import type { AppDeps } from '../http/app-deps.js';
import { UploadedFile } from '../uploads/uploads.js';
import { choosePublication } from './choose-publication.js';
import type { ContactInput } from './domain-contacts.js';
import { fulfilDomainOrder, submitDomainOrder } from './fulfil-domain-order.js';
import { registerDomain } from './order-domain.js';
import { uploadIdentityDocument } from './upload-identity-document.js';

const demoContext = () => ({ ...systemContext('dpv:ServiceProvision'), requestId: 'demo-seed' });
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length) % items.length]!;
const words = ['bakery', 'atelier', 'garden', 'studio', 'bikes', 'books', 'yoga', 'design', 'coffee', 'music'] as const;

/**
 * Demo domains for one customer, through the same use cases as real use: a .com registered and
 * paid (the worker finishes it at the local registry within minutes), with the contact data
 * published by choice; and a .es whose registry needs an identity document, with another person
 * as technical contact and a document waiting for staff review (its invoice still open).
 */
export async function seedDomainsDemo(deps: AppDeps, customer: { accountId: string; subjectId: string }, random: () => number): Promise<void> {
  const profile = await loadAccountProfile(deps.db, deps.keyring, customer.accountId);
  const pool = countryPools.find((p) => p.country === profile.country) ?? countryPools[0]!;
  const place = pick(pool.cities, random);
  const registrant: ContactInput = {
    name: `${profile.firstName} ${profile.lastName}`,
    organisation: null,
    email: profile.email,
    phone: `${pool.phonePrefix} ${100000 + Math.floor(random() * 899999)}`,
    street: `${pick(pool.streets, random)} ${1 + Math.floor(random() * 120)}`,
    postalCode: place.postalCode,
    city: place.city,
    country: pool.country,
  };
  const label = `${pick(words, random)}-${profile.lastName.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '') || 'demo'}-${100 + Math.floor(random() * 900)}`;
  const input = { ...customer, locale: profile.locale };

  const com = await registerDomain(deps, demoContext(), { ...input, fqdn: `${label}.com`, years: 1 + Math.floor(random() * 2), contacts: { registrant, admin: null, tech: null, billing: null } });
  await choosePublication(deps, demoContext(), { accountId: customer.accountId, domainId: com.domainId, publish: true, fields: ['organisation', 'email'] });
  if (await payWithTestCard(deps, demoContext(), customer.accountId, com.invoiceId)) {
    // What the fulfil job queued by the payment does; the worker then finds it done and polls the registry.
    await fulfilDomainOrder(deps, { itemId: com.domainId, invoiceId: com.invoiceId });
    await submitDomainOrder(deps, com.orderId);
  }

  const techPool = pick(countryPools, random);
  const techPlace = pick(techPool.cities, random);
  const tech: ContactInput = {
    name: `${pick(techPool.firstNames, random)} ${pick(techPool.lastNames, random)}`,
    organisation: `${pick(words, random)} hosting help`,
    email: `tech-${Math.floor(random() * 10000)}@example.net`,
    phone: `${techPool.phonePrefix} ${100000 + Math.floor(random() * 899999)}`,
    street: `${pick(techPool.streets, random)} ${1 + Math.floor(random() * 80)}`,
    postalCode: techPlace.postalCode,
    city: techPlace.city,
    country: techPool.country,
  };
  const es = await registerDomain(deps, demoContext(), { ...input, fqdn: `${label}.es`, years: 1, contacts: { registrant, admin: null, tech, billing: null } });
  const pdf = Buffer.from(`%PDF-1.4\n% Demo identity document for ${label}.es: not a real passport\n%%EOF\n`, 'latin1');
  await uploadIdentityDocument(deps, { ...demoContext(), actor: { type: 'customer', id: customer.accountId } }, { accountId: customer.accountId, domainId: es.domainId, documentType: 'passport', file: new UploadedFile('passport-scan.pdf', 'application/pdf', pdf) });
}
