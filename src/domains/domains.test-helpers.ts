import { expect } from 'vitest';
import type { HttpClient } from '../../test/http-client.js';
import type { TestApp } from '../../test/test-app.js';
import { payInvoice } from '../services/services.test-helpers.js';

export { actFor, payInvoice } from '../services/services.test-helpers.js';

export const day = 24 * 3600_000;

export function contactOf(name: string, email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.test`) {
  return { name, organisation: null, email, phone: '+49 30 1234567', street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };
}

/** The flat form fields of a contact role, as the registration form posts them. */
export function contactForm(role: string, name: string, email: string): Record<string, string> {
  const c = contactOf(name, email);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null).map(([k, v]) => [`${role}${cap(k)}`, String(v)]));
}

export interface Ordered {
  readonly domainId: string;
  readonly orderId: string;
  readonly invoiceId: string;
}

/** Orders a registration through the JSON API and expects it to be accepted. */
export async function registerViaApi(client: HttpClient, fqdn: string, options: { years?: number; registrant?: string; tech?: ReturnType<typeof contactOf> | null } = {}): Promise<Ordered> {
  const response = await client.api('POST', '/api/v1/domains', { fqdn, years: options.years ?? 1, contacts: { registrant: contactOf(options.registrant ?? 'Ada Lovelace'), tech: options.tech ?? null } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Ordered;
}

/** Pays the invoice through billing's test processor, then runs the fulfil job and what is due after it. */
export async function payAndFulfil(t: TestApp, client: HttpClient, invoiceId: string): Promise<void> {
  await payInvoice(t, client, invoiceId);
  await t.runJobs();
}

/** Runs the jobs that are due `ms` from now (registry operations finishing, expiry checks). */
export async function runJobsLater(t: TestApp, ms: number): Promise<number> {
  return t.runJobs({ now: () => new Date(Date.now() + ms) });
}

export async function domainRow(t: TestApp, id: string) {
  return t.app.deps.db.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function auditFor(t: TestApp, action: string, domainId: string) {
  const rows = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of', 'subject_id', 'details']).where('action', '=', action).orderBy('seq').execute();
  return rows.filter((row) => (row.details as Record<string, unknown>).domainId === domainId);
}

/** A small valid PDF (the upload parser recognises it by its %PDF- header). */
export function samplePdf(text = 'Passport of Ada Lovelace'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}
