import type { DemoCustomer } from './demo-people.js';
import { countryPools, exampleDomains } from './demo-names.js';
import { pick, type Random } from './seeded-random.js';

/** Mailbox-safe ASCII for the local part: "Müller" → "muller", "O'Sullivan" → "osullivan". */
function asciiLocalPart(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/[^A-Za-z]/g, '').toLowerCase();
}

/** Customers beyond the named five, from the country pools; deterministic for a given random. */
export function generatedDemoCustomers(count: number, random: Random): Array<Omit<DemoCustomer, 'twoFactor'>> {
  return Array.from({ length: count }, (_, index) => {
    const pool = pick(random, countryPools);
    const firstName = pick(random, pool.firstNames);
    const lastName = pick(random, pool.lastNames);
    const email = `${asciiLocalPart(firstName)}.${asciiLocalPart(lastName)}.${index + 1}@${pick(random, exampleDomains)}`;
    return { email, firstName, lastName, country: pool.country, locale: pool.locale };
  });
}
