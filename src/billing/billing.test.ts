import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { issueTestInvoice, sampleLines, verifyPdfXref } from './billing.test-helpers.js';
import { seedProfileDemo } from '../profile/profile.demo.js';
import { readBillingProfile } from '../profile/read-billing-profile.js';
import { seedTrustedUsersDemo } from '../trusted-users/trusted-users.demo.js';
import { issueInvoice } from './issue-invoice.js';
import { sendPaymentReminder } from './send-payment-reminder.js';

const day = 24 * 60 * 60 * 1000;

describe.each(databaseKinds)('billing: invoices, credit notes, PDF and access (%s)', (kind) => {
  let t: TestApp;
  let ada: SignedUpAccount;
  let grace: SignedUpAccount;
  let adaClient: HttpClient;
  let graceClient: HttpClient;
  const staff: Partial<Record<StaffRole, HttpClient>> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    adaClient = t.client();
    graceClient = t.client();
    ada = await signUpVerified(t, adaClient, { firstName: 'Ada', lastName: 'Lovelace' });
    grace = await signUpVerified(t, graceClient, { firstName: 'Grace', lastName: 'Hopper' });
    for (const role of ['billing', 'privacy_officer', 'support', 'auditor'] as const) {
      const client = t.client();
      await signInStaffApi(client, await createTestStaff(t, role));
      staff[role] = client;
    }
  });
  afterAll(async () => t?.close());

  const invoiceRow = (id: string) => t.app.deps.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sequenceOf = (number: string) => Number(number.split('-').at(-1));

  it('issues invoices with gap-free yearly numbers, totals computed once, and a billing snapshot in clear', async () => {
    const first = await issueTestInvoice(t, ada);
    expect(first.number).toMatch(new RegExp(`^${new Date().getUTCFullYear()}-\\d{6}$`));
    const row = await invoiceRow(first.invoiceId);
    // 2 × 10.00 at 19 % = 20.00 + 3.80; 11.90 at 19 % = 11.90 + 2.26 (2.261 rounded): 31.90 + 6.06.
    expect(row).toMatchObject({ status: 'open', currency: 'EUR', net_cents: 3190, tax_cents: 606, gross_cents: 3796, credited_cents: 0, billing_name: 'Ada Lovelace', account_id: ada.accountId, subject_id: ada.subjectId });
    expect(row.retention_starts_at.toISOString()).toBe(`${row.issued_at.getUTCFullYear() + 1}-01-01T00:00:00.000Z`);
    const lines = await t.app.deps.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', first.invoiceId).orderBy('position').execute();
    expect(lines.map((l) => [l.net_cents, l.tax_cents, l.gross_cents, l.tax_rate_basis_points])).toEqual([[2000, 380, 2380, 1900], [1190, 226, 1416, 1900]]);

    // A rolled-back issue returns its number: the next invoice follows without a gap.
    await expect(inTransaction(t.app.deps.db, systemContext('dpv:ServiceProvision'), async (ctx) => {
      await issueInvoice(t.app.deps, ctx, { accountId: ada.accountId, subjectId: ada.subjectId, lines: sampleLines });
      throw new Error('order failed after the invoice');
    })).rejects.toThrow('order failed');
    const second = await issueTestInvoice(t, ada);
    expect(sequenceOf(second.number)).toBe(sequenceOf(first.number) + 1);

    // Concurrent issuers queue on the counter row: distinct, consecutive numbers.
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => issueTestInvoice(t, grace)));
    const sequences = concurrent.map((i) => sequenceOf(i.number)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 6 }, (_, i) => sequenceOf(second.number) + 1 + i));
  });

  it('snapshots company, address and VAT id from the profile in clear, so the invoice outlives the shredded subject key', async () => {
    const client = t.client();
    const linus = await signUpVerified(t, client, { firstName: 'Linus', lastName: 'Pauling' });
    await seedProfileDemo(t.app.deps, linus, () => 0.1);
    const profile = (await readBillingProfile(t.app.deps, t.app.deps.db, linus.accountId))!;
    expect(profile.company).not.toBeNull();
    const { invoiceId } = await issueTestInvoice(t, linus);
    const row = await invoiceRow(invoiceId);
    expect(row).toMatchObject({ billing_name: 'Linus Pauling', billing_company: profile.company, billing_vat_id: profile.vatId });
    expect(row.billing_address).toContain(profile.city!);
    await inTransaction(t.app.deps.db, systemContext('dpv:LegalCompliance'), (ctx) => t.app.deps.keyring.shred(ctx.trx, linus.subjectId));
    const staffView = await (await staff.billing!.get(`/console/invoices/${invoiceId}`)).text();
    for (const kept of ['Linus Pauling', profile.company!, profile.city!]) expect(staffView).toContain(kept);
  });

  it('refuses invalid lines and a subject that is not the account\'s, writing nothing', async () => {
    const before = await t.app.deps.db.selectFrom('invoices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(issueTestInvoice(t, ada, [])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(issueTestInvoice(t, ada, [{ description: 'x', quantity: 0, unitAmountCents: 100 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(issueTestInvoice(t, ada, [{ description: 'x', quantity: 1, unitAmountCents: 10.5 }])).rejects.toBeInstanceOf(AppError);
    await expect(issueTestInvoice(t, { accountId: ada.accountId, subjectId: grace.subjectId })).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await t.app.deps.db.selectFrom('invoices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('shows an invoice to its own account only: another account gets 404 on the page, the PDF and the API', async () => {
    const { invoiceId, number } = await issueTestInvoice(t, ada);
    const list = await adaClient.get('/account/billing');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(number);
    const page = await adaClient.get(`/account/billing/invoices/${invoiceId}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    for (const text of [`Invoice ${number}`, 'Web hosting Business, two months', '€37.96', 'Pay €37.96 now', 'Ada Lovelace']) expect(body).toContain(text);
    const api = await adaClient.api('GET', `/api/v1/billing/invoices/${invoiceId}`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ number, grossCents: 3796, dueCents: 3796, lines: [{ position: 1, netCents: 2000 }, { position: 2, taxCents: 226 }] });

    expect((await graceClient.get(`/account/billing/invoices/${invoiceId}`)).status).toBe(404);
    expect((await graceClient.get(`/account/billing/invoices/${invoiceId}.pdf`)).status).toBe(404);
    const foreignApi = await graceClient.api('GET', `/api/v1/billing/invoices/${invoiceId}`);
    expect(foreignApi.status).toBe(404);
    expect(foreignApi.headers.get('content-type')).toContain('application/problem+json');
    expect((await graceClient.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`)).status).toBe(404);
    expect((await graceClient.postForm(`/account/billing/invoices/${invoiceId}/pay`, {})).status).toBe(404);
    expect(await (await graceClient.get('/account/billing')).text()).not.toContain(number);
    const graceList = (await (await graceClient.api('GET', '/api/v1/billing/invoices')).json()) as { invoices: Array<{ id: string }> };
    expect(graceList.invoices.map((i) => i.id)).not.toContain(invoiceId);
    const anonymous = await t.client().get('/account/billing');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });

  it('lets a trusted user see billing only with the billing grant', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const db = t.app.deps.db;
    await seedTrustedUsersDemo(t.app.deps, ada, grace, ['support']);
    await db.updateTable('sessions').set({ acting_for_account_id: ada.accountId }).where('principal_id', '=', grace.accountId).execute();
    try {
      expect((await graceClient.get(`/account/billing/invoices/${invoiceId}`)).status).toBe(403);
      expect((await graceClient.api('GET', '/api/v1/billing/invoices')).status).toBe(403);
      expect((await graceClient.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`)).status).toBe(403);
      await db.updateTable('trusted_users').set({ areas: ['billing'] }).where('account_id', '=', ada.accountId).where('person_account_id', '=', grace.accountId).execute();
      const page = await graceClient.get(`/account/billing/invoices/${invoiceId}`);
      expect(page.status).toBe(200);
      const list = (await (await graceClient.api('GET', '/api/v1/billing/invoices')).json()) as { invoices: Array<{ id: string }> };
      expect(list.invoices.map((i) => i.id)).toContain(invoiceId);
    } finally {
      await db.updateTable('sessions').set({ acting_for_account_id: null }).where('principal_id', '=', grace.accountId).execute();
    }
  });

  it('downloads the invoice as a PDF 1.4 with exact xref offsets, on several pages when long', async () => {
    const { invoiceId, number } = await issueTestInvoice(t, ada);
    const response = await adaClient.get(`/account/billing/invoices/${invoiceId}.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`invoice-${number}.pdf`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(verifyPdfXref(pdf)).toMatchObject({ pageCount: 1 });
    const text = pdf.toString('latin1');
    expect(text).toContain(`(Invoice ${number})`);
    expect(text).toContain('/BaseFont /Helvetica');
    expect(text).toContain('(\x8037.96)');

    const long = await issueTestInvoice(t, ada, Array.from({ length: 90 }, (_, i) => ({ description: `Mailbox (extra) number ${i + 1} \\ with a description long enough to wrap onto a second line in the PDF`, quantity: 1, unitAmountCents: 100 + i })));
    const longPdf = Buffer.from(await (await adaClient.get(`/account/billing/invoices/${long.invoiceId}.pdf`)).arrayBuffer());
    const structure = verifyPdfXref(longPdf);
    expect(structure.pageCount).toBeGreaterThan(2);
    expect(longPdf.toString('latin1')).toContain(`(Page ${structure.pageCount} of ${structure.pageCount})`);
    expect(longPdf.toString('latin1')).toContain('(Mailbox \\(extra\\) number 90 \\\\ with a description)');
  });

  it('opens invoices and payments to billing staff and the privacy officer only; support and auditors get 403', async () => {
    const { invoiceId, number } = await issueTestInvoice(t, ada);
    for (const role of ['billing', 'privacy_officer'] as const) {
      const client = staff[role]!;
      const list = await client.get('/console/invoices');
      expect(list.status, role).toBe(200);
      expect(await list.text()).toContain(number);
      expect((await client.get('/console/invoices?status=open')).status).toBe(200);
      const detail = await client.get(`/console/invoices/${invoiceId}`);
      expect(detail.status).toBe(200);
      expect(await detail.text()).toContain(role === 'billing' ? 'Issue a credit note' : 'Billed to');
      expect((await client.get('/console/payments')).status).toBe(200);
    }
    expect(await (await staff.privacy_officer!.get(`/console/invoices/${invoiceId}`)).text()).not.toContain('Issue a credit note');
    expect((await staff.privacy_officer!.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '1.00', reason: 'Goodwill' })).status).toBe(403);
    for (const role of ['support', 'auditor'] as const) {
      const client = staff[role]!;
      for (const path of ['/console/invoices', `/console/invoices/${invoiceId}`, '/console/payments']) expect((await client.get(path)).status, `${role} ${path}`).toBe(403);
      expect((await client.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '1.00', reason: 'Goodwill' })).status).toBe(403);
    }
    const customerOnConsole = await adaClient.get('/console/invoices');
    expect(customerOnConsole.status).toBe(303);
    expect(customerOnConsole.headers.get('location')).toMatch(/^\/console\/sign-in/);
    expect((await t.client().get('/console/invoices/' + invoiceId)).status).toBe(303);
  });

  it('issues credit notes with their own gap-free numbers; an open invoice fully credited is cancelled', async () => {
    const { invoiceId, number } = await issueTestInvoice(t, ada);
    const billing = staff.billing!;
    const issued = await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '10.00', reason: 'Compensation for the outage on 3 March' });
    expect(issued.status).toBe(303);
    expect(issued.headers.get('location')).toMatch(new RegExp(`^/console/invoices/${invoiceId}\\?creditNote=`));
    expect(await (await billing.get(issued.headers.get('location')!)).text()).toMatch(/Credit note CN-\d{4}-\d{6} issued\./);
    const notes = await t.app.deps.db.selectFrom('credit_notes').selectAll().where('invoice_id', '=', invoiceId).execute();
    expect(notes).toHaveLength(1);
    // 10.00 gross at 19 %: 8.40 net + 1.60 VAT; the credit note copies the invoice's number and billing party.
    expect(notes[0]).toMatchObject({ gross_cents: 1000, net_cents: 840, tax_cents: 160, invoice_number: number, billing_name: 'Ada Lovelace', refund_status: 'none', account_id: ada.accountId });
    expect(notes[0]!.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: 'open', credited_cents: 1000 });
    const customerPage = await (await adaClient.get(`/account/billing/invoices/${invoiceId}`)).text();
    expect(customerPage).toContain('Compensation for the outage on 3 March');
    expect(customerPage).toContain('Pay €27.96 now');

    const tooMuch = await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '27.97', reason: 'Too much' });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain('no more than is left to credit');
    expect((await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: 'ten', reason: 'Bad amount' })).status).toBe(400);
    expect((await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '1.00', reason: '' })).status).toBe(400);

    const rest = await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '27,96', reason: 'Contract cancelled before the start' });
    expect(rest.status).toBe(303);
    const second = await t.app.deps.db.selectFrom('credit_notes').select('number').where('invoice_id', '=', invoiceId).orderBy('number', 'desc').executeTakeFirstOrThrow();
    expect(sequenceOf(second.number)).toBe(sequenceOf(notes[0]!.number) + 1);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: 'cancelled', credited_cents: 3796 });
    expect((await adaClient.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`)).status).toBe(409);
    expect((await billing.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '1.00', reason: 'Again' })).status).toBe(409);
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'details']).where('action', '=', 'credit_note.issued').where('subject_id', '=', ada.subjectId).execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.every((a) => a.actor_type === 'staff')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('outage');
  });

  it('refuses a card number in any billing field (a credit note reason, a checkout body) and never stores one', async () => {
    const { invoiceId } = await issueTestInvoice(t, ada);
    const refused = await staff.billing!.postForm(`/console/invoices/${invoiceId}/credit-notes`, { amount: '1.00', reason: 'Refund to card 4111 1111 1111 1111 please' });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('looks like a payment card number');
    expect(page).not.toContain('4111 1111 1111 1111');
    expect(await t.app.deps.db.selectFrom('credit_notes').select('id').where('invoice_id', '=', invoiceId).execute()).toEqual([]);
    const api = await adaClient.api('POST', `/api/v1/billing/invoices/${invoiceId}/checkout`, { note: 'my card 5555555555554444' });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ code: 'CARD_NUMBER_REFUSED' });
    const query = await adaClient.get(`/account/billing/invoices/${invoiceId}?checkout=4111111111111111`);
    expect(query.status).toBe(400);

    // Lines come from orders; a card number pasted into one reaches the invoice masked.
    const masked = await issueTestInvoice(t, ada, [{ description: 'Domain 4111111111111111.example', quantity: 1, unitAmountCents: 100 }]);
    const line = await t.app.deps.db.selectFrom('invoice_lines').select('description').where('invoice_id', '=', masked.invoiceId).executeTakeFirstOrThrow();
    expect(line.description).toBe('Domain [card number removed, ending 1111].example');
    // The column itself takes four digits and nothing else.
    await expect(t.app.deps.db.insertInto('payments').values({
      invoice_id: invoiceId, invoice_number: 'x', credit_note_id: null, account_id: null, subject_id: null, kind: 'charge', processor: 'x', processor_reference: 'x-1', status: 'succeeded',
      amount_cents: 1, currency: 'EUR', card_brand: 'visa', card_last4: '4111111111111111', completed_at: null, retention_starts_at: new Date(),
    }).execute()).rejects.toThrow();
  });

  it('sends one payment reminder for an overdue open invoice: inbox message and email copy, once', async () => {
    const open = await issueTestInvoice(t, grace);
    const cancelled = await issueTestInvoice(t, grace);
    expect((await staff.billing!.postForm(`/console/invoices/${cancelled.invoiceId}/credit-notes`, { amount: '37.96', reason: 'Cancelled order' })).status).toBe(303);
    const billingMessages = async () => ((await (await graceClient.api('GET', '/api/v1/account/messages')).json()) as { messages: Array<{ category: string; title: string; body: string }> }).messages.filter((m) => m.category === 'billing');
    const later = () => new Date(Date.now() + 15 * day);
    await t.runJobs({ now: later });
    const reminded = await invoiceRow(open.invoiceId);
    expect(reminded.reminded_at).not.toBeNull();
    expect((await invoiceRow(cancelled.invoiceId)).reminded_at).toBeNull();
    const emails = (await readOutbox(t, grace.subjectId)).filter((m) => m.template === 'billing.payment_reminder');
    const forOpen = emails.filter((m) => m.subject === `Payment reminder for invoice ${open.number}`);
    expect(forOpen).toHaveLength(1);
    expect(forOpen[0]!.messageClass).toBe('service');
    expect(forOpen[0]!.text).toContain(`/account/billing/invoices/${open.invoiceId}`);
    expect(emails.some((m) => m.subject.includes(cancelled.number))).toBe(false);
    const inbox = await billingMessages();
    expect(inbox.filter((m) => m.title === `Payment reminder for invoice ${open.number}`)).toHaveLength(1);
    expect(inbox.some((m) => m.title.includes(cancelled.number))).toBe(false);
    expect(inbox).toHaveLength(emails.length);

    // Running again, or the job running twice, sends nothing more.
    expect(await sendPaymentReminder({ ...t.app.deps, now: later }, open.invoiceId)).toBe(false);
    await t.runJobs({ now: later });
    expect(await billingMessages()).toHaveLength(inbox.length);
    expect((await readOutbox(t, grace.subjectId)).filter((m) => m.template === 'billing.payment_reminder')).toHaveLength(emails.length);
  });
});
