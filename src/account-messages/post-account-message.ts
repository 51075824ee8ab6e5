import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { RequestContext } from '../context/request-context.js';
import type { Keyring, SubjectCipher } from '../crypto/keyring.js';
import type { MessageCategory } from './account-messages.tables.js';
import { insertAccountMessage, insertAccountMessages } from './account-messages.store.js';

export interface PostAccountMessageInput {
  readonly accountId: string;
  readonly subjectId: string;
  readonly category: MessageCategory;
  readonly title: string;
  readonly body: string;
}

export const titleField = 'account_messages.title_enc';
export const bodyField = 'account_messages.body_enc';

/** Puts a message in the account's inbox, sealed with the customer's key, in the caller's transaction. */
export async function postAccountMessage(ctx: RequestContext, keyring: Keyring, input: PostAccountMessageInput): Promise<string> {
  const cipher = await keyring.forSubject(ctx.trx, input.subjectId);
  const id = await insertAccountMessage(ctx.trx, {
    account_id: input.accountId,
    subject_id: input.subjectId,
    category: input.category,
    title_enc: cipher.encrypt(input.title, titleField),
    body_enc: cipher.encrypt(input.body, bodyField),
  });
  await recordAuditEvent(ctx, { action: 'account_message.posted', subjectId: input.subjectId, details: { messageId: id, accountId: input.accountId, category: input.category } });
  return id;
}

/**
 * Many messages in one statement (e.g. a batch of change notices), each sealed with its own
 * customer's key, and one audit event naming the batch. `opened` may hold ciphers the caller
 * already has, to spare a key lookup per message. Returns the new ids.
 */
export async function postAccountMessages(ctx: RequestContext, keyring: Keyring, inputs: readonly PostAccountMessageInput[], batch: { readonly reason: string; readonly referenceId: string }, opened: ReadonlyMap<string, SubjectCipher> = new Map()): Promise<string[]> {
  if (inputs.length === 0) return [];
  const rows = [];
  for (const input of inputs) {
    const cipher = opened.get(input.subjectId) ?? (await keyring.forSubject(ctx.trx, input.subjectId));
    rows.push({ account_id: input.accountId, subject_id: input.subjectId, category: input.category, title_enc: cipher.encrypt(input.title, titleField), body_enc: cipher.encrypt(input.body, bodyField) });
  }
  const ids = await insertAccountMessages(ctx.trx, rows);
  await recordAuditEvent(ctx, { action: 'account_message.posted_batch', subjectId: null, details: { reason: batch.reason, referenceId: batch.referenceId, count: ids.length, categories: [...new Set(inputs.map((i) => i.category))] } });
  return ids;
}
