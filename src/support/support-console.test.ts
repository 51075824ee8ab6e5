import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { createLogger } from '../app/logger.js';
import { addDuration } from '../config/duration.js';
import { sweepRetention } from '../retention/sweep-retention.js';
import { createTestStaff, signInStaffApi, type TestStaff } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { findTicketForStaff } from './find-ticket-for-staff.js';
import { seedSupportDemo } from './support.demo.js';
import { supportTables } from './support.tables.js';
import { openTicketByForm, referenceFrom, storedTicket } from './support.test-helpers.js';

const card = '4111 1111 1111 1111';
const masked = '[card number removed, ending 1111]';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe.each(databaseKinds)('support tickets in the staff console (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount;
  let aliceClient: HttpClient;
  let reference: string;
  const staff = {} as Record<StaffRole, { member: TestStaff; client: HttpClient }>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    aliceClient = t.client();
    alice = await signUpVerified(t, aliceClient);
    for (const role of ['owner', 'support', 'privacy_officer', 'billing', 'auditor'] as const) {
      const member = await createTestStaff(t, role, `Dana ${role}`);
      const client = t.client();
      await signInStaffApi(client, member);
      staff[role] = { member, client };
    }
    const opened = await openTicketByForm(aliceClient, { department: 'technical', subject: 'Mailbox full', body: 'My mailbox says it is full.' }, { name: 'bounce.pdf', data: pdf });
    reference = referenceFrom(opened);
  }, 180_000);
  afterAll(async () => t?.close());

  const auditOf = (action: string) => t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'subject_id', 'details']).where('action', '=', action).orderBy('seq').execute();

  it('refuses roles without support.read, and lets the privacy officer read but not answer', async () => {
    for (const role of ['billing', 'auditor'] as const) {
      const client = staff[role].client;
      expect((await client.get('/console/tickets')).status, role).toBe(403);
      expect((await client.get(`/console/tickets/${reference}`)).status, role).toBe(403);
      expect((await client.postForm(`/console/tickets/${reference}/reply`, { body: 'Hello' })).status, role).toBe(403);
    }
    const privacy = staff.privacy_officer.client;
    expect((await privacy.get('/console/tickets')).status).toBe(200);
    const page = await privacy.get(`/console/tickets/${reference}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Your role may read tickets but not answer them.');
    expect(html).not.toContain(`action="/console/tickets/${reference}/reply"`);
    for (const path of ['reply', 'notes', 'close']) expect((await privacy.postForm(`/console/tickets/${reference}/${path}`, { body: 'Hello' })).status, path).toBe(403);
    expect((await privacy.postForm(`/console/tickets/${reference}/department`, { department: 'billing' })).status).toBe(403);
    expect((await aliceClient.get('/console/tickets')).status).toBe(303);
    expect((await storedTicket(t, reference)).messages).toHaveLength(1);
  });

  it('lists and filters tickets for support staff, and audits every list and ticket view', async () => {
    const support = staff.support;
    const list = await (await support.client.get('/console/tickets')).text();
    expect(list).toContain(`href="/console/tickets/${reference}"`);
    expect(list).toContain('Mailbox full');
    expect(await (await support.client.get('/console/tickets?status=closed')).text()).not.toContain(reference);
    expect(await (await support.client.get('/console/tickets?department=billing')).text()).not.toContain(reference);
    expect(await (await support.client.get('/console/tickets?status=open&department=technical')).text()).toContain(reference);
    expect((await support.client.get('/console/tickets?status=nonsense')).status).toBe(400);

    const before = (await auditOf('support.ticket_viewed')).length;
    const view = await (await support.client.get(`/console/tickets/${reference}`)).text();
    expect(view).toContain('My mailbox says it is full.');
    expect(view).toContain(alice.email);
    const views = await auditOf('support.ticket_viewed');
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ actor_type: 'staff', actor_id: support.member.staffId, subject_id: alice.subjectId, details: { reference, contactShown: true } });
    expect((await auditOf('support.tickets_listed')).filter((e) => e.actor_id === support.member.staffId).length).toBeGreaterThanOrEqual(4);

    const stored = await storedTicket(t, reference);
    const download = await support.client.get(`/console/tickets/${reference}/attachments/${stored.attachments[0]!.row.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="bounce.pdf"/);
    expect((await auditOf('support.attachment_downloaded')).at(-1)).toMatchObject({ actor_id: support.member.staffId, subject_id: alice.subjectId });
    expect((await support.client.get('/console/tickets/T-ZZZZZZ')).status).toBe(404);
    expect((await support.client.get('/console/tickets/nonsense')).status).toBe(400);
  });

  it('sends a staff reply by email link only, keeps internal notes from the customer, and masks card numbers', async () => {
    const support = staff.support;
    const replied = await support.client.postForm(`/console/tickets/${reference}/reply`, { body: `We raised your quota. The card ${card} is not needed.` });
    expect(replied.status).toBe(303);
    expect(replied.headers.get('location')).toBe(`/console/tickets/${reference}?done=replied`);
    const noted = await support.client.postForm(`/console/tickets/${reference}/notes`, { body: 'Quota raised from 1 GB to 5 GB without charge.' });
    expect(noted.status).toBe(303);

    const stored = await storedTicket(t, reference);
    expect(stored.row.status).toBe('awaiting_customer');
    expect(stored.messages.slice(1).map((m) => ({ body: m.body, kind: m.row.author_kind, id: m.row.author_id, internal: m.row.internal }))).toEqual([
      { body: `We raised your quota. The card ${masked} is not needed.`, kind: 'staff', id: support.member.staffId, internal: false },
      { body: 'Quota raised from 1 GB to 5 GB without charge.', kind: 'staff', id: support.member.staffId, internal: true },
    ]);

    const mails = (await readOutbox(t, alice.subjectId)).filter((m) => m.template === 'support.staff_replied');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: alice.email, messageClass: 'service', subject: `We answered your support ticket ${reference}` });
    expect(mails[0]!.text).toContain('"Mailbox full"');
    expect(mails[0]!.text).not.toMatch(/quota|card/i);
    expect(pathOf(findLink(mails[0]!, `/account/support/${reference}`))).toBe(`/account/support/${reference}`);

    const page = await (await aliceClient.get(`/account/support/${reference}`)).text();
    expect(page).toContain('We raised your quota.');
    expect(page).toContain('Support team replied');
    expect(page).not.toContain('Quota raised from 1 GB');
    const api = (await (await aliceClient.api('GET', `/api/v1/support/tickets/${reference}`)).json()) as { status: string; messages: { author: string; body: string }[] };
    expect(api.status).toBe('awaiting_customer');
    expect(api.messages.map((m) => m.author)).toEqual(['customer', 'staff']);
    expect(JSON.stringify(api)).not.toContain('Quota raised');

    const staffView = await (await support.client.get(`/console/tickets/${reference}`)).text();
    expect(staffView).toContain('Internal note');
    expect(staffView).toContain('Quota raised from 1 GB to 5 GB without charge.');
    expect(staffView).toContain(`Reply by Dana support`);
    expect((await auditOf('support.internal_note_added')).at(-1)).toMatchObject({ actor_id: support.member.staffId, subject_id: alice.subjectId });

    // The customer answers: the ticket waits for staff again.
    expect((await aliceClient.postMultipart(`/account/support/${reference}/reply`, { body: 'Thanks, works now.' })).status).toBe(303);
    expect((await storedTicket(t, reference)).row.status).toBe('awaiting_staff');
  });

  it('moves and closes a ticket; a closed ticket takes internal notes but no replies', async () => {
    const support = staff.support.client;
    const bad = await support.postForm(`/console/tickets/${reference}/department`, { department: 'sales' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose one of the departments.');
    const empty = await support.postForm(`/console/tickets/${reference}/reply`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter your message');
    expect((await support.postForm(`/console/tickets/${reference}/department`, { department: 'billing' })).status).toBe(303);
    expect((await storedTicket(t, reference)).row.department_id).toBe('billing');
    expect((await auditOf('support.department_changed')).at(-1)).toMatchObject({ details: { reference, from: 'technical', to: 'billing' } });

    expect((await support.postForm(`/console/tickets/${reference}/close`, {})).status).toBe(303);
    const closed = await storedTicket(t, reference);
    expect(closed.row.status).toBe('closed');
    const late = await support.postForm(`/console/tickets/${reference}/reply`, { body: 'One more thing' });
    expect(late.status).toBe(409);
    expect((await support.postForm(`/console/tickets/${reference}/notes`, { body: 'Closed after the customer confirmed.' })).status).toBe(303);
    expect((await storedTicket(t, reference)).messages).toHaveLength(closed.messages.length + 1);
    expect((await support.postForm('/console/tickets/T-ZZZZZZ/close', {})).status).toBe(404);
  });

  it('finds a ticket by reference for other staff tools, with ids only', async () => {
    const found = await findTicketForStaff(t.app.deps.db, reference.toLowerCase());
    expect(found).toEqual({ id: (await storedTicket(t, reference)).row.id, accountId: alice.accountId, subjectId: alice.subjectId });
    expect(await findTicketForStaff(t.app.deps.db, 'T-ZZZZZZ')).toBeUndefined();
    expect(await findTicketForStaff(t.app.deps.db, "T-1'; drop")).toBeUndefined();
  });

  it('seeds demo tickets with a staff reply, an internal note and a masked card number', async () => {
    const demo = t.client();
    const customer = await signUpVerified(t, demo);
    let seed = 1;
    await seedSupportDemo(t.app.deps, customer, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    const tickets = (await (await demo.api('GET', '/api/v1/support/tickets')).json()) as { tickets: { reference: string; status: string; subject: string }[] };
    expect(tickets.tickets).toHaveLength(3);
    expect(tickets.tickets.map((x) => x.status).sort()).toEqual(['awaiting_staff', 'closed', 'open']);
    const threads = await Promise.all(tickets.tickets.map((x) => storedTicket(t, x.reference)));
    const all = threads.flatMap((x) => x.messages);
    expect(all.some((m) => m.row.author_kind === 'staff' && m.row.internal)).toBe(true);
    expect(all.some((m) => m.row.author_kind === 'staff' && !m.row.internal)).toBe(true);
    expect(all.some((m) => m.body.includes(masked))).toBe(true);
    expect(all.some((m) => m.body.includes(card))).toBe(false);
    await seedSupportDemo(t.app.deps, customer, Math.random);
    expect(((await (await demo.api('GET', '/api/v1/support/tickets')).json()) as { tickets: unknown[] }).tickets).toHaveLength(3);
  });

  it('deletes closed tickets with their messages and files once the closed-tickets period has passed, and keeps open ones', async () => {
    const open = referenceFrom(await openTicketByForm(aliceClient, { subject: 'Still open', body: 'Open ticket.' }, { name: 'x.pdf', data: pdf }));
    const closedAt = (await storedTicket(t, reference)).row.closed_at!;
    const periodEnds = addDuration(closedAt, t.config.retention.closedTickets);
    const sweep = (now: Date) => sweepRetention({ db: t.app.deps.db, config: t.config, logger: createLogger('silent'), now: () => now }, supportTables);
    expect((await sweep(new Date(periodEnds.getTime() - 1000))).support_tickets).toBe(0);
    expect((await storedTicket(t, reference)).row.status).toBe('closed');
    expect((await sweep(new Date(periodEnds.getTime() + 1000))).support_tickets).toBeGreaterThanOrEqual(1);
    const { db } = t.app.deps;
    expect(await db.selectFrom('support_tickets').select('id').where('reference', '=', reference).executeTakeFirst()).toBeUndefined();
    expect(await findTicketForStaff(db, reference)).toBeUndefined();
    expect((await storedTicket(t, open)).row.status).toBe('open');
    expect((await storedTicket(t, open)).attachments).toHaveLength(1);
    const orphans = await db.selectFrom('support_messages').leftJoin('support_tickets', 'support_tickets.id', 'support_messages.ticket_id').select('support_messages.id').where('support_tickets.id', 'is', null).execute();
    expect(orphans).toEqual([]);
  });
});
