import { envelopeField, type EmailMessage } from '../src/email/enqueue-email.js';
import type { TestApp } from './test-app.js';

export interface OutboxMessage extends EmailMessage {
  readonly id: string;
  readonly template: string;
  readonly messageClass: string;
  readonly status: string;
}

/** Every email queued for a subject, oldest first, opened with the subject's key. */
export async function readOutbox(t: TestApp, subjectId: string): Promise<OutboxMessage[]> {
  const { db, keyring } = t.app.deps;
  const rows = await db.selectFrom('outbox_emails').selectAll().where('subject_id', '=', subjectId).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
  if (rows.length === 0) return [];
  const cipher = await keyring.forSubject(db, subjectId);
  return rows.map((row) => {
    const message = JSON.parse(cipher.decrypt(row.envelope_enc, envelopeField)) as EmailMessage;
    return { ...message, id: row.id, template: row.template, messageClass: row.message_class, status: row.status };
  });
}

/** The first absolute URL in the message whose path is `path` (query allowed); throws when there is none. */
export function findLink(message: Pick<EmailMessage, 'text' | 'html'>, path: string): string {
  const text = `${message.text}\n${message.html ?? ''}`;
  for (const match of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === path) return match[0];
  }
  throw new Error(`No link to ${path} in the message`);
}

/** The path and query of a link, for HttpClient (which takes paths relative to the test server). */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
