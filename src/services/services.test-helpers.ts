import { expect } from 'vitest';
import type { HttpClient } from '../../test/http-client.js';
import { readOutbox, pathOf } from '../../test/outbox-helpers.js';
import type { TestApp } from '../../test/test-app.js';
import { isLocalPaymentAdapter } from '../billing/payment.adapter.js';
import { isLocalProvisioningAdapter, type LocalProvisioningAdapter } from './provisioning.adapter.js';

export interface OrderAnswer {
  readonly service: { id: string; status: string; hostname: string | null; serverIp: string | null; invoiceId: string | null; [key: string]: unknown };
  readonly invoice: { id: string; number: string };
}

/** Orders through the JSON API and expects it to work. */
export async function orderViaApi(client: HttpClient, body: Record<string, string>): Promise<OrderAnswer> {
  const response = await client.api('POST', '/api/v1/services', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as OrderAnswer;
}

/**
 * Pays an invoice as the customer would: billing's checkout, the test processor's hosted page with a
 * test card, then waits for the processor's signed webhook to be delivered (which settles the
 * invoice and queues the fulfil job).
 */
export async function payInvoice(t: TestApp, client: HttpClient, invoiceId: string): Promise<void> {
  const checkout = await client.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`);
  expect(checkout.status, await checkout.clone().text()).toBe(200);
  const { checkoutUrl } = (await checkout.json()) as { checkoutUrl: string };
  const url = new URL(checkoutUrl);
  const paid = await t.client().postForm(url.pathname, { session: url.searchParams.get('session') ?? '', card: 'visa-4242' });
  expect(paid.status).toBe(303);
  const payments = t.app.deps.adapters.payments;
  if (!isLocalPaymentAdapter(payments)) throw new Error('The tests pay through the local test processor');
  await payments.whenDelivered();
  const invoice = await t.app.deps.db.selectFrom('invoices').select('status').where('id', '=', invoiceId).executeTakeFirstOrThrow();
  expect(invoice.status).toBe('paid');
}

export function localPanel(t: TestApp): LocalProvisioningAdapter {
  const adapter = t.app.deps.adapters.provisioning;
  if (!isLocalProvisioningAdapter(adapter)) throw new Error('The tests provision through the local panel');
  return adapter;
}

/** Moves the local panel's clock and the job clock an hour on, so pending provisioning finishes. */
export async function finishProvisioning(t: TestApp): Promise<number> {
  localPanel(t).advanceClock(3600_000);
  return t.runJobs({ now: () => new Date(Date.now() + 3600_000) });
}

export async function serviceRow(t: TestApp, id: string) {
  return t.app.deps.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function auditOf(t: TestApp, action: string, serviceId: string) {
  const rows = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of', 'subject_id', 'details']).where('action', '=', action).execute();
  return rows.filter((row) => (row.details as Record<string, unknown>).serviceId === serviceId);
}

/** Gives `person` access to `owner`'s account in `areas` through the trusted-user invitation, and switches this client to it. */
export async function actFor(t: TestApp, owner: { client: HttpClient; accountId: string }, person: { client: HttpClient; email: string }, areas: string[]): Promise<void> {
  const invited = await owner.client.api('POST', '/api/v1/trusted-users', { email: person.email, areas });
  expect(invited.status, await invited.clone().text()).toBe(201);
  const { id } = (await invited.json()) as { id: string };
  // The invitee is a subject of their own until they accept; the invitation mail is sealed with its key.
  const grant = await t.app.deps.db.selectFrom('trusted_users').select('invitee_subject_id').where('id', '=', id).executeTakeFirstOrThrow();
  const mail = (await readOutbox(t, grant.invitee_subject_id)).filter((m) => m.template === 'trusted_users.invitation').at(-1);
  const link = mail ? /https?:\/\/\S+\/account\/trusted-users\/accept\/[A-Za-z0-9_-]+/.exec(mail.text) : null;
  if (!link) throw new Error('no invitation link');
  const token = pathOf(link[0]).split('/').at(-1)!;
  const accepted = await person.client.api('POST', '/api/v1/trusted-users/accept', { token });
  expect(accepted.status, await accepted.clone().text()).toBe(200);
  expect((await person.client.api('PUT', '/api/v1/acting', { accountId: owner.accountId })).status).toBe(204);
}
