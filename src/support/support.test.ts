import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { actFor, changeAreas, openTicketByForm, referenceFrom, storedTicket } from './support.test-helpers.js';

const card = '4111 1111 1111 1111';
const masked = '[card number removed, ending 1111]';
/** Sixteen digits that fail the Luhn check: not a card number, so kept as typed. */
const notACard = '4111 1111 1111 1112';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const iban = 'DE89 3704 0044 0532 0130 00';

describe.each(databaseKinds)('support tickets for customers (%s)', (kind) => {
  let t: TestApp;
  let alice: SignedUpAccount;
  let aliceClient: HttpClient;
  let bob: SignedUpAccount;
  let bobClient: HttpClient;
  let carol: SignedUpAccount;
  let carolClient: HttpClient;
  let reference: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [aliceClient, bobClient, carolClient] = [t.client(), t.client(), t.client()];
    alice = await signUpVerified(t, aliceClient);
    bob = await signUpVerified(t, bobClient);
    carol = await signUpVerified(t, carolClient);
  }, 120_000);
  afterAll(async () => t?.close());

  const ticketCount = async () => Number((await t.app.deps.db.selectFrom('support_tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('masks a Luhn-valid card number in subject, body and file name on arrival, keeps other digit runs, and seals it all', async () => {
    const response = await openTicketByForm(aliceClient, { department: 'billing', subject: `Card ${card} charged twice`, body: `My card ${card} was charged twice.\nOrder ${notACard}.` }, { name: `receipt ${card}.png`, type: 'text/plain', data: png });
    expect(response.status, await response.clone().text()).toBe(303);
    reference = referenceFrom(response);
    expect(reference).toMatch(/^T-[2-9A-HJKMNP-Z]{6}$/);

    const stored = await storedTicket(t, reference);
    expect(stored.subject).toBe(`Card ${masked} charged twice`);
    expect(stored.messages).toHaveLength(1);
    expect(stored.messages[0]!.body).toBe(`My card ${masked} was charged twice.\nOrder ${notACard}.`);
    expect(stored.messages[0]!.row).toMatchObject({ author_kind: 'customer', author_id: alice.accountId, internal: false, subject_id: alice.subjectId });
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0]!.filename).toBe(`receipt ${masked}.png`);
    expect(stored.attachments[0]!.mediaType).toBe('image/png');
    expect(stored.attachments[0]!.data.equals(png)).toBe(true);
    expect(stored.row).toMatchObject({ account_id: alice.accountId, subject_id: alice.subjectId, department_id: 'billing', status: 'open', closed_at: null });
    // Sealed: neither the masked text nor the digits are readable in the stored bytes.
    for (const sealed of [stored.row.subject_enc, stored.messages[0]!.row.body_enc, stored.attachments[0]!.row.filename_enc]) {
      expect(sealed.toString('latin1')).not.toMatch(/charged|1111|receipt/);
    }
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'subject_id', 'details']).where('action', '=', 'support.ticket_opened').execute();
    expect(audit).toEqual([{ actor_type: 'customer', actor_id: alice.accountId, subject_id: alice.subjectId, details: expect.objectContaining({ reference, departmentId: 'billing', attachmentId: stored.attachments[0]!.row.id, sensitiveConfirmed: [] }) }]);
    expect(JSON.stringify(audit)).not.toMatch(/1111|charged/);

    const page = await (await aliceClient.get(`/account/support/${reference}?done=opened`)).text();
    expect(page).toContain(`Card ${masked} charged twice`);
    expect(page).toContain(notACard);
    expect(page).not.toContain(card);
    expect(page).toContain('Your ticket is open.');
    const list = await (await aliceClient.get('/account/support')).text();
    expect(list).toContain(`href="/account/support/${reference}"`);
    expect(list).toContain('Billing');
  });

  it('serves an attachment as a download with the sniffed type, to the owner only', async () => {
    const stored = await storedTicket(t, reference);
    const path = `/account/support/${reference}/attachments/${stored.attachments[0]!.row.id}`;
    const download = await aliceClient.get(path);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="receipt [card number removed, ending 1111].png"; filename*=UTF-8''receipt%20%5Bcard%20number%20removed%2C%20ending%201111%5D.png`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
    expect((await bobClient.get(path)).status).toBe(404);
  });


  it('masks card numbers inside plain-text attachments on arrival, on opening and replying, keeping every other byte', async () => {
    const dan = t.client();
    await signUpVerified(t, dan);
    const log = `Grüße aus Köln\r\nPaid with ${card} on 2024-05-01, also 4111-1111-1111-1111.\r\nOrder ${notACard}.\r\n`;
    const expected = `Grüße aus Köln\r\nPaid with ${masked} on 2024-05-01, also ${masked}.\r\nOrder ${notACard}.\r\n`;
    const opened = await openTicketByForm(dan, { subject: 'Payment log', body: 'See the attached log.' }, { name: 'log.txt', type: 'text/plain', data: Buffer.from(log, 'utf8') });
    expect(opened.status, await opened.clone().text()).toBe(303);
    const danReference = referenceFrom(opened);
    const replied = await dan.postMultipart(`/account/support/${danReference}/reply`, { body: 'One more log.' }, { attachment: { name: 'more.txt', type: 'text/plain', data: Buffer.from(`Card: ${card}`, 'utf8') } });
    expect(replied.status, await replied.clone().text()).toBe(303);
    const stored = await storedTicket(t, danReference);
    stored.attachments.sort((a, b) => b.data.length - a.data.length);
    expect(stored.attachments.map((a) => [a.mediaType, a.data.toString('utf8')])).toEqual([['text/plain', expected], ['text/plain', `Card: ${masked}`]]);
    expect(stored.attachments.map((a) => a.row.size_bytes)).toEqual([Buffer.byteLength(expected), Buffer.byteLength(`Card: ${masked}`)]);
    const download = await dan.get(`/account/support/${danReference}/attachments/${stored.attachments[0]!.row.id}`);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe(expected);
    // A text without card numbers is stored byte for byte.
    const plain = Buffer.from('\uFEFFno cards here: 4111 1111 1111 1112\n', 'utf8');
    const untouched = await openTicketByForm(dan, { subject: 'Plain log', body: 'Attached.' }, { name: 'plain.txt', type: 'text/plain', data: plain });
    expect((await storedTicket(t, referenceFrom(untouched))).attachments[0]!.data.equals(plain)).toBe(true);
  });
  it('masks card numbers sent to the JSON API and refuses them in any other field', async () => {
    const opened = await aliceClient.api('POST', '/api/v1/support/tickets', { department: 'technical', subject: `Site down, card ${card}`, body: `Paid with ${card}` });
    expect(opened.status, await opened.clone().text()).toBe(201);
    const thread = (await opened.json()) as { reference: string; subject: string; status: string; messages: { author: string; body: string }[] };
    expect(thread).toMatchObject({ subject: `Site down, card ${masked}`, status: 'open', messages: [{ author: 'customer', body: `Paid with ${masked}` }] });
    expect((await storedTicket(t, thread.reference)).subject).toBe(`Site down, card ${masked}`);

    const refused = await aliceClient.api('POST', '/api/v1/support/tickets', { department: card, subject: 'Hello there', body: 'x' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'CARD_NUMBER_REFUSED', errors: [{ field: 'department' }] });
  });

  it('warns about an IBAN in the subject before storing anything, and sends once the customer confirms', async () => {
    const before = await ticketCount();
    const warned = await openTicketByForm(aliceClient, { subject: `Refund to ${iban}`, body: 'Please refund my last invoice.' });
    expect(warned.status).toBe(422);
    const page = await warned.text();
    expect(page).toContain('Check before sending');
    expect(page).toContain('The subject may contain an IBAN (bank account number).');
    expect(page).toContain('appear in our email notifications and in our staff&#39;s ticket lists');
    expect(page).toMatch(/<input id="field-subject" name="subject" type="text" value="Refund to DE89 3704 0044 0532 0130 00"[^>]*aria-describedby="field-subject-hint field-subject-error" aria-invalid="true">/);
    expect(page).toContain('name="confirmSensitive" type="checkbox"');
    expect(page).toContain('Please refund my last invoice.</textarea>');
    expect(await ticketCount()).toBe(before);

    const confirmed = await openTicketByForm(aliceClient, { subject: `Refund to ${iban}`, body: 'Please refund my last invoice.', confirmSensitive: 'yes' });
    expect(confirmed.status).toBe(303);
    const stored = await storedTicket(t, referenceFrom(confirmed));
    expect(stored.subject).toBe(`Refund to ${iban}`);
    const audit = await t.app.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'support.ticket_opened').orderBy('occurred_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ sensitiveConfirmed: ['subject:iban'] });

    const api = await aliceClient.api('POST', '/api/v1/support/tickets', { department: 'billing', subject: `IBAN ${iban}`, body: 'Refund please' });
    expect(api.status).toBe(422);
    expect(await api.json()).toMatchObject({ code: 'SENSITIVE_DATA_WARNING', errors: [{ field: 'subject', message: expect.stringContaining('IBAN') }] });
    const apiConfirmed = await aliceClient.api('POST', '/api/v1/support/tickets', { department: 'billing', subject: `IBAN ${iban}`, body: 'Refund please', confirmSensitive: true });
    expect(apiConfirmed.status).toBe(201);
  });

  it('warns about a passport number in a file name, at the file field', async () => {
    const warned = await openTicketByForm(aliceClient, { department: 'technical', subject: 'Domain verification', body: 'Scan attached.' }, { name: 'passport_C01X00T47.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') });
    expect(warned.status).toBe(422);
    const page = await warned.text();
    expect(page).toContain('The file name may contain a passport number.');
    expect(page).toMatch(/<input id="field-attachment" name="attachment" type="file"[^>]*aria-describedby="field-attachment-hint field-attachment-error" aria-invalid="true">/);
    expect(page).toContain('choose the file again');
  });

  it('another account sees none of the ticket and cannot change it', async () => {
    const stored = await storedTicket(t, reference);
    expect((await bobClient.get(`/account/support/${reference}`)).status).toBe(404);
    expect((await bobClient.api('GET', `/api/v1/support/tickets/${reference}`)).status).toBe(404);
    expect((await bobClient.api('POST', `/api/v1/support/tickets/${reference}/messages`, { body: 'hi' })).status).toBe(404);
    expect((await bobClient.api('POST', `/api/v1/support/tickets/${reference}/close`)).status).toBe(404);
    expect((await bobClient.postMultipart(`/account/support/${reference}/reply`, { body: 'hi' })).status).toBe(404);
    expect((await bobClient.postForm(`/account/support/${reference}/close`, {})).status).toBe(404);
    expect(await (await bobClient.api('GET', '/api/v1/support/tickets')).json()).toEqual({ tickets: [] });
    expect(await (await bobClient.get('/account/support')).text()).toContain('You have no tickets.');
    expect((await storedTicket(t, reference)).messages).toHaveLength(stored.messages.length);
    expect((await t.client().api('GET', '/api/v1/support/tickets')).status).toBe(401);
    expect((await t.client().get('/account/support')).status).toBe(303);
  });

  it('lets a trusted user with the support grant work on the account, and refuses one without it', async () => {
    const grant = await actFor(t, { client: aliceClient }, { ...carol, client: carolClient }, alice.accountId, ['billing']);
    expect((await carolClient.get('/account/support')).status).toBe(403);
    expect((await carolClient.api('GET', '/api/v1/support/tickets')).status).toBe(403);
    expect((await carolClient.api('GET', `/api/v1/support/tickets/${reference}`)).status).toBe(403);
    expect((await carolClient.api('POST', '/api/v1/support/tickets', { department: 'general', subject: 'From Carol', body: 'x' })).status).toBe(403);

    await changeAreas({ client: aliceClient }, grant, ['support']);
    const tickets = (await (await carolClient.api('GET', '/api/v1/support/tickets')).json()) as { tickets: { reference: string }[] };
    expect(tickets.tickets.map((x) => x.reference)).toContain(reference);
    const opened = await openTicketByForm(carolClient, { subject: 'Mailbox quota', body: 'Asked on behalf of Alice.' });
    expect(opened.status).toBe(303);
    const stored = await storedTicket(t, referenceFrom(opened));
    expect(stored.row).toMatchObject({ account_id: alice.accountId, subject_id: alice.subjectId });
    expect(stored.messages[0]!.row).toMatchObject({ author_kind: 'trusted_user', author_id: carol.accountId });
    const audit = await t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'on_behalf_of']).where('action', '=', 'support.ticket_opened').orderBy('occurred_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_type: 'trusted_user', actor_id: carol.accountId, on_behalf_of: alice.accountId });
    const page = await (await aliceClient.get(`/account/support/${stored.row.reference}`)).text();
    expect(page).toContain('A trusted user of your account wrote');
  });

  it('answers bad input with 4xx and clear messages, never storing half a ticket', async () => {
    const before = await ticketCount();
    const short = await openTicketByForm(aliceClient, { subject: 'x', body: '' });
    expect(short.status).toBe(400);
    const page = await short.text();
    expect(page).toContain('Enter a subject of 3 to 200 characters.');
    expect(page).toContain('Enter your message');
    const unknown = await openTicketByForm(aliceClient, { department: 'sales', subject: 'Hello there', body: 'x' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choose one of the departments.');
    const exe = await openTicketByForm(aliceClient, { subject: 'Hello there', body: 'x' }, { name: 'tool.pdf', data: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0xff, 0xfe]) });
    expect(exe.status).toBe(415);
    const tooBig = await openTicketByForm(aliceClient, { subject: 'Hello there', body: 'x' }, { name: 'big.txt', data: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') });
    expect(tooBig.status).toBe(413);
    const api = await aliceClient.api('POST', '/api/v1/support/tickets', { department: 'general', subject: '', body: 7 });
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(((await api.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['body', 'subject']);
    expect((await aliceClient.api('GET', '/api/v1/support/tickets/not-a-ref')).status).toBe(400);
    expect((await aliceClient.api('GET', '/api/v1/support/tickets/T-ZZZZZZ')).status).toBe(404);
    expect((await aliceClient.get(`/account/support/${reference}/attachments/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect(await ticketCount()).toBe(before);
  });

  it('takes replies until the customer closes the ticket, then refuses them', async () => {
    const replied = await aliceClient.postMultipart(`/account/support/${reference}/reply`, { body: `Still charged: ${card}` });
    expect(replied.status).toBe(303);
    expect(replied.headers.get('location')).toBe(`/account/support/${reference}?done=replied`);
    const stored = await storedTicket(t, reference);
    expect(stored.messages.at(-1)!.body).toBe(`Still charged: ${masked}`);
    expect(stored.row.status).toBe('open');

    const closed = await aliceClient.postForm(`/account/support/${reference}/close`, {});
    expect(closed.status).toBe(303);
    const after = await storedTicket(t, reference);
    expect(after.row.status).toBe('closed');
    expect(after.row.closed_at).toBeInstanceOf(Date);
    const page = await (await aliceClient.get(`/account/support/${reference}`)).text();
    expect(page).toContain('This ticket is closed.');
    expect(page).not.toContain(`action="/account/support/${reference}/reply"`);
    const late = await aliceClient.api('POST', `/api/v1/support/tickets/${reference}/messages`, { body: 'One more thing' });
    expect(late.status).toBe(409);
    expect((await aliceClient.postMultipart(`/account/support/${reference}/reply`, { body: 'One more thing' })).status).toBe(409);
    expect((await storedTicket(t, reference)).messages).toHaveLength(after.messages.length);
    const again = await aliceClient.api('POST', `/api/v1/support/tickets/${reference}/close`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'closed' });
  });
});
