import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { MessageCategory } from './account-messages.tables.js';
import { markMessageRead, messageOfAccount, messagesOfAccount, type AccountMessageRow } from './account-messages.store.js';
import { bodyField, titleField } from './post-account-message.js';

export interface AccountMessageView {
  readonly id: string;
  readonly category: MessageCategory;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

type Deps = Pick<AppDeps, 'db' | 'keyring' | 'now'>;
const listLimit = 200;

async function open(deps: Deps, subjectId: string, rows: readonly AccountMessageRow[]): Promise<AccountMessageView[]> {
  if (rows.length === 0) return [];
  const cipher = await deps.keyring.forSubject(deps.db, subjectId);
  return rows.map((row) => ({
    id: row.id,
    category: row.category,
    title: cipher.decrypt(row.title_enc, titleField),
    body: cipher.decrypt(row.body_enc, bodyField),
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

/** The account's inbox, newest first. */
export async function listAccountMessages(deps: Deps, principal: { accountId: string; subjectId: string }): Promise<AccountMessageView[]> {
  return open(deps, principal.subjectId, await messagesOfAccount(deps.db, principal.accountId, listLimit));
}

/** One of the account's messages, marked read; another account's id is simply not found. */
export async function readAccountMessage(deps: Deps, base: ContextWithoutTransaction, principal: { accountId: string; subjectId: string }, messageId: string): Promise<AccountMessageView> {
  const row = await inTransaction(deps.db, base, async (ctx) => {
    const found = await messageOfAccount(ctx.trx, principal.accountId, messageId);
    if (!found) throw new AppError('NOT_FOUND', 'No such message');
    if (found.read_at === null) {
      const at = deps.now();
      await markMessageRead(ctx.trx, principal.accountId, messageId, at);
      await recordAuditEvent(ctx, { action: 'account_message.read', subjectId: principal.subjectId, details: { messageId } });
      return { ...found, read_at: at };
    }
    return found;
  });
  const [view] = await open(deps, principal.subjectId, [row]);
  return view!;
}
