import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { postAccountMessage } from '../account-messages/post-account-message.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { dataMap } from '../datamap/datamap.registry.js';
import { addContact } from '../profile/manage-contacts.js';
import { updateProfile } from '../profile/update-profile.js';
import { createTestStaff, signInStaffApi, type TestStaff } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { openTicket } from '../support/open-ticket.js';
import { UploadedFile } from '../uploads/uploads.js';
import { reasonField } from './open-customer-record.js';
import { readSubjectRecord } from './read-subject-record.js';

const roles: readonly StaffRole[] = ['owner', 'privacy_officer', 'support', 'billing', 'auditor'];
const attachmentText = 'attachment body that must never be shown';

describe.each(databaseKinds)('customer records in the console (%s)', (kind) => {
  let t: TestApp;
  const staff = {} as Record<StaffRole, TestStaff>;
  const clients = {} as Record<StaffRole, HttpClient>;
  let alice: SignedUpAccount;
  let bob: SignedUpAccount;
  let aliceTicket: { ticketId: string; reference: string };
  let bobTicket: { ticketId: string; reference: string };

  const customerContext = (account: SignedUpAccount) => ({ ...systemContext('dpv:CustomerCare'), actor: { type: 'customer' as const, id: account.accountId } });
  const auditOf = (action: string) => t.app.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'asc').execute();

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const role of roles) {
      staff[role] = await createTestStaff(t, role);
      clients[role] = t.client();
      await signInStaffApi(clients[role], staff[role]);
    }
    alice = await signUpVerified(t, t.client(), { firstName: 'Alice', lastName: 'Liddell' });
    bob = await signUpVerified(t, t.client(), { firstName: 'Bob', lastName: 'Builder' });
    const deps = t.app.deps;
    await updateProfile(deps, customerContext(alice), alice, { phone: '+49 30 5550123', address_lines: 'Rabbit Hole 1', postal_code: '10115', city: 'Wonderland Town', address_country: 'DE' });
    await addContact(deps, customerContext(alice), alice, { role: 'billing', name: 'Carl Counter', email: 'carl.counter@example.test', phone: null });
    aliceTicket = await openTicket(deps, customerContext(alice), alice, { kind: 'customer', accountId: alice.accountId },
      { departmentId: 'general', subject: 'Mailbox quota question', body: 'My mailbox says it is full again.', attachment: new UploadedFile('quota.txt', 'text/plain', Buffer.from(attachmentText)), confirmSensitive: false });
    bobTicket = await openTicket(deps, customerContext(bob), bob, { kind: 'customer', accountId: bob.accountId }, { departmentId: 'general', subject: 'Bob asks', body: 'Hello', confirmSensitive: false });
    await inTransaction(deps.db, systemContext('dpv:ServiceProvision'), (ctx) =>
      postAccountMessage(ctx, deps.keyring, { accountId: alice.accountId, subjectId: alice.subjectId, category: 'maintenance', title: 'Planned maintenance Tuesday', body: 'We restart the mail servers.' }));
  }, 120_000);
  afterAll(async () => t?.close());

  it('lets each role open only the customer pages it needs', async () => {
    // Billing works from invoices (which carry the billing address snapshot), not from customers' contact details.
    const expected: Record<StaffRole, { list: number; search: number; customer: number; contact: number; record: number; suspend: number }> = {
      owner: { list: 200, search: 200, customer: 200, contact: 200, record: 200, suspend: 200 },
      privacy_officer: { list: 200, search: 200, customer: 200, contact: 200, record: 200, suspend: 403 },
      support: { list: 200, search: 200, customer: 200, contact: 200, record: 403, suspend: 200 },
      billing: { list: 403, search: 403, customer: 403, contact: 403, record: 403, suspend: 403 },
      auditor: { list: 403, search: 403, customer: 403, contact: 403, record: 403, suspend: 403 },
    };
    for (const role of roles) {
      const base = `/console/customers/${alice.accountId}`;
      const seen = {
        list: (await clients[role].get('/console/customers')).status,
        search: (await clients[role].postForm('/console/customers/search', { query: alice.accountId })).status,
        customer: (await clients[role].get(base)).status,
        contact: (await clients[role].get(`${base}/contact`)).status,
        record: (await clients[role].get(`${base}/record`)).status,
        suspend: (await clients[role].get(`${base}/suspend`)).status,
      };
      expect(seen, role).toEqual(expected[role]);
      const grant = await clients[role].postForm(`${base}/record`, { kind: 'text', reason: 'Checking the record for a request' });
      expect(grant.status, `${role} may ask for the record`).toBe(expected[role].record === 200 ? 303 : 403);
    }
    const anonymous = await t.client().get('/console/customers');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/console/sign-in');
    // The grants made above by owner and privacy officer are ended, so later tests start without one.
    await t.app.deps.db.updateTable('customer_record_grants').set({ expires_at: new Date(Date.now() - 1000), granted_at: new Date(Date.now() - 2000) }).execute();
  });

  it('lists customers with ids only and finds one by exact email (audited without the address) or id', async () => {
    const list = await (await clients.support.get('/console/customers')).text();
    expect(list).toContain(`/console/customers/${alice.accountId}`);
    expect(list).not.toContain(alice.email);
    expect(list).not.toContain('Alice');

    const found = await clients.support.postForm('/console/customers/search', { query: `  ${alice.email.toUpperCase()} ` });
    expect(found.status).toBe(200);
    const body = await found.text();
    expect(body).toContain('One customer matches.');
    expect(body).toContain(`href="/console/customers/${alice.accountId}"`);
    const [search] = (await auditOf('customer.searched_by_email')).slice(-1);
    expect(search).toMatchObject({ actor_type: 'staff', actor_id: staff.support.staffId, subject_id: alice.subjectId, details: { foundAccountId: alice.accountId } });
    expect(JSON.stringify(search!.details)).not.toContain(alice.email.split('@')[0]);

    expect(await (await clients.support.postForm('/console/customers/search', { query: bob.accountId })).text()).toContain(`href="/console/customers/${bob.accountId}"`);
    expect(await (await clients.support.postForm('/console/customers/search', { query: 'nobody@example.test' })).text()).toContain('No customer matches');
    const empty = await clients.support.postForm('/console/customers/search', { query: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter an email address or an account id.');
  });

  it('shows contact details to support and records each view with ids and field names only', async () => {
    const page = await clients.support.get(`/console/customers/${alice.accountId}/contact`);
    expect(page.status).toBe(200);
    const body = await page.text();
    for (const shown of ['Alice Liddell', alice.email, '+49305550123', 'Rabbit Hole 1', '10115 Wonderland Town', 'Carl Counter', 'carl.counter@example.test']) expect(body).toContain(shown);
    const events = await auditOf('customer.contact_viewed');
    const event = events.findLast((e) => e.actor_id === staff.support.staffId);
    expect(event).toMatchObject({ actor_type: 'staff', subject_id: alice.subjectId, purpose: 'dpv:CustomerCare', details: { accountId: alice.accountId } });
    const contactEvents = await auditOf('customer.account_contact_viewed');
    expect(contactEvents.at(-1)).toMatchObject({ actor_id: staff.support.staffId, details: { accountId: alice.accountId } });
    expect(contactEvents.at(-1)!.subject_id).not.toBe(alice.subjectId);
    for (const value of [alice.email, 'Alice', '5550123', 'Rabbit', 'Carl']) expect(JSON.stringify([event!.details, contactEvents.at(-1)!.details])).not.toContain(value);
    expect((await clients.support.get('/console/customers/00000000-0000-4000-8000-000000000000/contact')).status).toBe(404);
    expect((await clients.support.get('/console/customers/not-a-uuid/contact')).status).toBe(400);
    // Billing staff never see the contact page nor cause a view to be recorded.
    const viewsBefore = (await auditOf('customer.contact_viewed')).length;
    const refused = await clients.billing.get(`/console/customers/${alice.accountId}/contact`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('Rabbit Hole 1');
    expect(await auditOf('customer.contact_viewed')).toHaveLength(viewsBefore);
    const invoicesPage = await (await clients.billing.get('/console/invoices')).text();
    expect(invoicesPage).toContain('href="/console/invoices"');
    expect(invoicesPage).not.toContain('href="/console/customers"');
  });

  it('asks for a reason first and refuses an empty reason or another customer\'s ticket', async () => {
    const client = clients.privacy_officer;
    const recordPath = `/console/customers/${alice.accountId}/record`;
    const form = await (await client.get(recordPath)).text();
    expect(form).toContain('Ticket reference');
    expect(form).not.toContain(alice.email);

    const empty = await client.postForm(recordPath, { kind: 'text', reason: '' });
    expect(empty.status).toBe(400);
    const emptyBody = await empty.text();
    expect(emptyBody).toContain('Describe the reason in at least 15 characters.');
    expect(emptyBody).not.toContain(alice.email);

    const foreign = await client.postForm(recordPath, { kind: 'ticket', ticket: bobTicket.reference });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('No ticket with this reference belongs to this customer.');
    expect((await client.postForm(recordPath, { kind: 'ticket', ticket: 'T-ZZZZZZ' })).status).toBe(400);
    expect((await client.postForm(recordPath, { kind: 'ticket', ticket: '' })).status).toBe(400);
    expect((await client.postForm(recordPath, { kind: 'guess' })).status).toBe(400);
    const grants = await t.app.deps.db.selectFrom('customer_record_grants').select('id').where('staff_id', '=', staff.privacy_officer.staffId).where('expires_at', '>', new Date()).execute();
    expect(grants).toEqual([]);
    expect((await client.get(recordPath)).status).toBe(200);
    expect(await (await client.get(recordPath)).text()).toContain('Ticket reference');
  });

  it('opens the record for a free-text reason: sealed reason, grant id in the audit trail, no personal values there', async () => {
    const client = clients.privacy_officer;
    const recordPath = `/console/customers/${alice.accountId}/record`;
    const reason = 'Access request by the customer received by post';
    const granted = await client.postForm(recordPath, { kind: 'text', reason });
    expect(granted.status).toBe(303);
    expect(granted.headers.get('location')).toBe(recordPath);

    const grant = await t.app.deps.db.selectFrom('customer_record_grants').selectAll().where('staff_id', '=', staff.privacy_officer.staffId).where('expires_at', '>', new Date()).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ subject_id: alice.subjectId, reason_kind: 'text', ticket_id: null });
    expect(grant.reason_enc!.toString('utf8')).not.toContain('Access request');
    const cipher = await t.app.deps.keyring.forSubject(t.app.deps.db, alice.subjectId);
    expect(cipher.decrypt(grant.reason_enc!, reasonField)).toBe(reason);
    expect(grant.expires_at.getTime() - grant.granted_at.getTime()).toBe(30 * 60 * 1000);

    const record = await (await client.get(recordPath)).text();
    expect(record).toContain('Full record');
    expect(record).toContain(alice.email);
    const [grantEvent] = (await auditOf('customer_record.access_granted')).filter((e) => (e.details as { grantId?: string }).grantId === grant.id);
    expect(grantEvent).toMatchObject({ actor_type: 'staff', actor_id: staff.privacy_officer.staffId, subject_id: alice.subjectId, purpose: 'dpv:LegalCompliance', details: { accountId: alice.accountId, reasonKind: 'text', ticketId: null } });
    const views = (await auditOf('customer_record.viewed')).filter((e) => (e.details as { grantId?: string }).grantId === grant.id);
    expect(views).toHaveLength(1);
    const everything = JSON.stringify((await t.app.deps.db.selectFrom('audit_events').select('details').where('subject_id', '=', alice.subjectId).execute()).map((e) => e.details));
    for (const value of [reason, alice.email, 'Liddell', '5550123', 'Mailbox quota']) expect(everything).not.toContain(value);

    // Within the window the record opens again without a reason, and each view is recorded.
    const again = await client.get(recordPath);
    expect(await again.text()).toContain(alice.email);
    expect((await auditOf('customer_record.viewed')).filter((e) => (e.details as { grantId?: string }).grantId === grant.id)).toHaveLength(2);
    expect(await t.app.deps.db.selectFrom('customer_record_grants').select('id').where('staff_id', '=', staff.privacy_officer.staffId).execute()).toHaveLength(2);

    // The grant is per staff member: the owner is still asked.
    expect(await (await clients.owner.get(recordPath)).text()).toContain('Ticket reference');

    // After expiry it asks again.
    await t.app.deps.db.updateTable('customer_record_grants').set({ granted_at: new Date(Date.now() - 31 * 60_000), expires_at: new Date(Date.now() - 60_000) }).where('id', '=', grant.id).execute();
    const expired = await (await client.get(recordPath)).text();
    expect(expired).toContain('Ticket reference');
    expect(expired).not.toContain(alice.email);
  });

  it('builds the record from the data map: every linked table with rows, sealed values opened, files by size, secrets hidden', async () => {
    const recordPath = `/console/customers/${alice.accountId}/record`;
    const granted = await clients.owner.postForm(recordPath, { kind: 'ticket', ticket: aliceTicket.reference.toLowerCase() });
    expect(granted.status).toBe(303);
    const [ticketGrant] = (await auditOf('customer_record.access_granted')).slice(-1);
    expect(ticketGrant).toMatchObject({ actor_id: staff.owner.staffId, purpose: 'dpv:CustomerCare', details: { reasonKind: 'ticket', ticketId: aliceTicket.ticketId } });
    const page = await clients.owner.get(recordPath);
    expect(page.status).toBe(200);
    const body = await page.text();

    // Values from several tables, opened with the customer's key.
    for (const value of [alice.email, 'Liddell', '+49305550123', 'Mailbox quota question', 'My mailbox says it is full again.', 'Planned maintenance Tuesday', 'Access request by the customer received by post']) expect(body).toContain(value);
    // Files only by size; credentials never.
    expect(body).not.toContain(attachmentText);
    expect(body).toMatch(/<td>quota\.txt<\/td><td>text\/plain<\/td><td><span class="hint">\(\d+ bytes\)<\/span><\/td>/);
    const account = await t.app.deps.db.selectFrom('accounts').select('password_hash').where('id', '=', alice.accountId).executeTakeFirstOrThrow();
    expect(body).not.toContain(account.password_hash);
    expect(body).toContain('(secret, not shown)');
    // Bob's data is not in Alice's record.
    expect(body).not.toContain(bob.email);
    expect(body).not.toContain('Bob asks');

    // Every table the data map links to a subject column (or principal) that holds rows of Alice appears.
    const db = t.app.deps.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    const withRows: string[] = [];
    for (const declaration of dataMap) {
      const link = declaration.subjectLink;
      if (link.via === 'none') continue;
      const query = link.via === 'column'
        ? db.selectFrom(declaration.table).select(db.fn.countAll().as('n')).where(link.column, '=', alice.subjectId)
        : db.selectFrom(declaration.table).select(db.fn.countAll().as('n')).where(link.kindColumn, '=', 'account').where(link.idColumn, '=', alice.accountId);
      const { n } = (await query.executeTakeFirstOrThrow()) as { n: string | number };
      if (Number(n) > 0) withRows.push(declaration.table);
    }
    for (const table of ['accounts', 'subjects', 'sessions', 'audit_events', 'outbox_emails', 'account_messages', 'customer_profiles', 'profile_changes', 'support_tickets', 'support_messages', 'support_attachments', 'customer_record_grants']) expect(withRows).toContain(table);
    for (const declaration of dataMap) {
      if (declaration.subjectLink.via === 'none') continue;
      if (withRows.includes(declaration.table)) expect(body, declaration.table).toContain(`id="table-${declaration.table}"`);
      else expect(body, declaration.table).not.toContain(`id="table-${declaration.table}"`);
    }
    // Column headings carry the data map's categories.
    expect(body).toContain('<code>email_enc</code><br><span class="hint">Email address · sealed</span>');
  });

  it('caps the rows per table and says so', async () => {
    const record = await readSubjectRecord(t.app.deps, alice.subjectId, alice.accountId, { rowLimit: 2 });
    const audit = record.tables.find((table) => table.table === 'audit_events')!;
    expect(audit.rows).toHaveLength(2);
    expect(audit.total).toBeGreaterThan(2);
    const accounts = record.tables.find((table) => table.table === 'accounts')!;
    expect(accounts.rows).toHaveLength(1);
    expect(accounts.total).toBe(1);
    expect(record.emptyTables.length).toBeGreaterThan(0);
  });
});
