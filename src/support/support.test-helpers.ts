import type { HttpClient } from '../../test/http-client.js';
import { readOutbox } from '../../test/outbox-helpers.js';
import type { TestApp } from '../../test/test-app.js';
import type { AccountArea } from '../trusted-users/account-areas.js';
import { sealedSupportFields } from './support.tables.js';

/** A ticket as stored, opened with the customer's key: what the tests check masking against. */
export async function storedTicket(t: TestApp, reference: string) {
  const { db, keyring } = t.app.deps;
  const ticket = await db.selectFrom('support_tickets').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  const cipher = await keyring.forSubject(db, ticket.subject_id);
  const messages = await db.selectFrom('support_messages').selectAll().where('ticket_id', '=', ticket.id).orderBy('created_at').orderBy('id').execute();
  const attachments = messages.length === 0 ? [] : await db.selectFrom('support_attachments').selectAll().where('message_id', 'in', messages.map((m) => m.id)).execute();
  return {
    row: ticket,
    subject: cipher.decrypt(ticket.subject_enc, sealedSupportFields.subject),
    messages: messages.map((m) => ({ row: m, body: cipher.decrypt(m.body_enc, sealedSupportFields.body) })),
    attachments: attachments.map((a) => ({
      row: a,
      filename: cipher.decrypt(a.filename_enc, sealedSupportFields.filename),
      mediaType: cipher.decrypt(a.media_type_enc, sealedSupportFields.mediaType),
      data: Buffer.from(cipher.decrypt(a.content_enc, sealedSupportFields.content), 'base64'),
    })),
  };
}

/** The reference a ticket form's redirect points to. */
export function referenceFrom(response: Response): string {
  const location = response.headers.get('location') ?? '';
  const match = /^\/account\/support\/(T-[0-9A-Z]{6})\?done=opened$/.exec(location);
  if (!match) throw new Error(`Not a redirect to a new ticket: ${response.status} ${location}`);
  return match[1]!;
}

/**
 * Makes `person` a trusted user of `owner`'s account with the given areas and switches the
 * person's session to act for it, through the trusted-users capability's own routes. Returns the
 * grant id; `changeAreas` changes the grant later.
 */
export async function actFor(t: TestApp, owner: { client: HttpClient }, person: { client: HttpClient; email: string; subjectId: string; accountId: string }, ownerAccountId: string, areas: readonly AccountArea[]): Promise<string> {
  const invited = await owner.client.api('POST', '/api/v1/trusted-users', { email: person.email, areas });
  if (invited.status !== 201) throw new Error(`Invitation answered ${invited.status}: ${await invited.text()}`);
  const { id } = (await invited.json()) as { id: string };
  const row = await t.app.deps.db.selectFrom('trusted_users').select('invitee_subject_id').where('id', '=', id).executeTakeFirstOrThrow();
  const mail = (await readOutbox(t, row.invitee_subject_id)).filter((m) => m.template === 'trusted_users.invitation').at(-1);
  const token = /\/account\/trusted-users\/accept\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('No invitation link was emailed');
  const accepted = await person.client.api('POST', '/api/v1/trusted-users/accept', { token });
  if (accepted.status !== 200) throw new Error(`Accepting answered ${accepted.status}: ${await accepted.text()}`);
  const switched = await person.client.api('PUT', '/api/v1/acting', { accountId: ownerAccountId });
  if (switched.status !== 204) throw new Error(`Switching answered ${switched.status}: ${await switched.text()}`);
  return id;
}

export async function changeAreas(owner: { client: HttpClient }, grantId: string, areas: readonly AccountArea[]): Promise<void> {
  const changed = await owner.client.api('PATCH', `/api/v1/trusted-users/${grantId}`, { areas });
  if (changed.status !== 200) throw new Error(`Changing areas answered ${changed.status}: ${await changed.text()}`);
}

export async function openTicketByForm(client: HttpClient, fields: { department?: string; subject: string; body: string; confirmSensitive?: string }, file?: { name: string; type?: string; data: Buffer | string }): Promise<Response> {
  return client.postMultipart('/account/support/new', { department: fields.department ?? 'general', subject: fields.subject, body: fields.body, ...(fields.confirmSensitive ? { confirmSensitive: fields.confirmSensitive } : {}) }, file ? { attachment: file } : {});
}
