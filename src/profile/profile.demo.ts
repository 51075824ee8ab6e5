import type { ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { addContact } from './manage-contacts.js';
import type { ProfileValues } from './profile-fields.js';
import { updateProfile } from './update-profile.js';

interface DemoAddress {
  readonly country: string;
  readonly lines: string;
  readonly postalCode: string;
  readonly city: string;
  readonly region: string | null;
  readonly phone: string;
  readonly company: string;
  readonly vatId: string;
}

/** Realistic but made-up addresses across the EU; VAT ids have the right format and belong to no one. */
const addresses: readonly DemoAddress[] = [
  { country: 'DE', lines: 'Friedrichstraße 123', postalCode: '10117', city: 'Berlin', region: null, phone: '+49 30 9018 2231', company: 'Nordlicht Webdesign GmbH', vatId: 'DE298765431' },
  { country: 'DE', lines: 'Königsallee 27\n3. OG', postalCode: '40212', city: 'Düsseldorf', region: null, phone: '+49 211 4470 118', company: 'Rheinufer Medien UG', vatId: 'DE311456782' },
  { country: 'FR', lines: '12 rue de la République', postalCode: '69002', city: 'Lyon', region: 'Auvergne-Rhône-Alpes', phone: '+33 4 72 10 30 30', company: 'Atelier Lumière SARL', vatId: 'FR40523456789' },
  { country: 'NL', lines: 'Keizersgracht 174', postalCode: '1016 DW', city: 'Amsterdam', region: 'Noord-Holland', phone: '+31 20 555 0142', company: 'Grachtenhuis Media B.V.', vatId: 'NL812345678B01' },
  { country: 'ES', lines: 'Calle de Alcalá 48\n2º izquierda', postalCode: '28014', city: 'Madrid', region: 'Madrid', phone: '+34 915 550 123', company: 'Soluciones Sol S.L.', vatId: 'ESB12345678' },
  { country: 'PL', lines: 'ul. Marszałkowska 84', postalCode: '00-514', city: 'Warszawa', region: 'mazowieckie', phone: '+48 22 555 01 77', company: 'Wisła Software sp. z o.o.', vatId: 'PL5261040828' },
  { country: 'AT', lines: 'Mariahilfer Straße 88', postalCode: '1070', city: 'Wien', region: null, phone: '+43 1 555 2840', company: 'Donau Digital OG', vatId: 'ATU61234567' },
  { country: 'IT', lines: 'Via Roma 15', postalCode: '20121', city: 'Milano', region: 'MI', phone: '+39 02 5555 0190', company: 'Studio Navigli S.r.l.', vatId: 'IT01234567890' },
  { country: 'BE', lines: 'Rue Neuve 30', postalCode: '1000', city: 'Bruxelles', region: null, phone: '+32 2 555 40 12', company: 'Brabant Hosting BV', vatId: 'BE0123456789' },
];

const contactPeople = [
  { name: 'Jana Novák', email: 'jana.novak@example.net' },
  { name: 'Lucas Martin', email: 'lucas.martin@example.org' },
  { name: 'Sofia Rossi', email: 'accounts@example.com' },
  { name: 'Tomasz Wójcik', email: 't.wojcik@example.net' },
  { name: 'Emma de Vries', email: 'it-support@example.org' },
  { name: 'Pablo García', email: 'pablo.garcia@example.com' },
] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;
}

/**
 * Gives a demo customer a filled profile through the real use cases: an address in an EU country,
 * for some a company with VAT id, a couple of contacts, and a later correction so the history has
 * more than the first entries. Deterministic for a given `random`.
 */
export async function seedProfileDemo(deps: AppDeps, customer: { accountId: string; subjectId: string }, random: () => number): Promise<void> {
  const base: ContextWithoutTransaction = { actor: { type: 'customer', id: customer.accountId }, purpose: 'dpv:AccountManagement', ip: null, requestId: 'demo-seed' };
  const address = pick(addresses, random);
  const business = random() < 0.6;
  const first: Partial<ProfileValues> = {
    phone: address.phone,
    address_lines: address.lines,
    postal_code: address.postalCode,
    city: address.city,
    region: address.region,
    address_country: address.country,
    ...(business ? { company: address.company, vat_id: address.vatId } : {}),
  };
  await updateProfile(deps, base, customer, first);

  // A later rectification: the customer moved within the city or fixed their phone number.
  const moved = random() < 0.5;
  await updateProfile(deps, base, customer, moved
    ? { address_lines: `${address.lines.split('\n')[0]!.replace(/\d+/, (n) => String(Number(n) + 2))}` }
    : { phone: address.phone.replace(/\d$/, (d) => String((Number(d) + 1) % 10)) });

  const contactCount = business ? 1 + Math.floor(random() * 2) : Math.floor(random() * 2);
  for (let i = 0; i < contactCount; i += 1) {
    const person = pick(contactPeople, random);
    await addContact(deps, { ...base, purpose: 'dpv:ServiceProvision' }, customer, {
      role: i === 0 && business ? 'billing' : 'technical',
      name: person.name,
      email: person.email,
      phone: random() < 0.5 ? null : address.phone.replace(/\d{2}$/, String(10 + Math.floor(random() * 90))),
    });
  }
}
