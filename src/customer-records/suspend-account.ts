import { openAccountRow } from '../accounts/account-profile.js';
import { changeAccountStatus, findAccountById } from '../accounts/accounts.store.js';
import type { AccountStatus } from '../accounts/accounts.tables.js';
import { postAccountMessage } from '../account-messages/post-account-message.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { revokeAllSessions } from '../auth/sessions.store.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { abuseIdentifierHash } from './abuse-identifiers.js';
import { deleteAbuseBlocksOfAccount, insertAbuseBlock } from './customer-records.store.js';
import type { AbuseCategory } from './customer-records.tables.js';

/** The explanation goes to the customer: long enough to say something, short enough for a message. */
export const abuseNoteLength = { min: 10, max: 2000 } as const;

export interface SuspendAccountInput {
  readonly accountId: string;
  readonly category: AbuseCategory;
  /** Told to the customer in the message and email; never written to the audit trail. */
  readonly note: string;
}

/**
 * Suspends an account for abuse in one transaction: status `suspended` (sign-in and every
 * session stop working), all sessions revoked, a keyed hash of the sign-in address kept so it
 * cannot sign up again (the only identifier sign-up checks, so the only one kept), and a service
 * message with an email copy telling them why.
 */
export async function suspendAccountForAbuse(deps: AppDeps, base: ContextWithoutTransaction, input: SuspendAccountInput): Promise<{ abuseBlockId: string }> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:FraudPreventionAndDetection' }, async (ctx) => {
    const account = await moveAccount(ctx, input.accountId, 'active', 'suspended', deps.now(), 'This account is not active, so it cannot be suspended.');
    const revokedSessions = await revokeAllSessions(ctx.trx, 'account', account.id, 'suspended_for_abuse');
    const profile = await openAccountRow(ctx.trx, deps.keyring, account);
    const abuseBlockId = await insertAbuseBlock(ctx.trx, {
      account_id: account.id,
      subject_id: account.subject_id,
      category: input.category,
      email_hash: abuseIdentifierHash(deps.keys.abuseIdentifiers, 'email', profile.email),
      created_by: ctx.actor.type === 'staff' ? ctx.actor.id : null,
    });
    await recordAuditEvent(ctx, {
      action: 'account.suspended_for_abuse',
      subjectId: account.subject_id,
      details: { accountId: account.id, category: input.category, abuseBlockId, revokedSessions, hashedIdentifiers: ['email'] },
    });
    const tr = translator(profile.locale);
    const category = tr(`customerRecords.abuse.category.${input.category}`);
    await tellCustomer(ctx, deps, profile, tr('customerRecords.suspended.message.title'), tr('customerRecords.suspended.message.body', { category, note: input.note.trim() }), 'account.suspended_for_abuse');
    return { abuseBlockId };
  });
}

/**
 * Lifts a suspension: the account is active again and its blocks are deleted. Keeping them would
 * stop a person we no longer consider abusive from opening an account, which the legitimate
 * interest (fraud prevention) no longer covers.
 */
export async function liftAbuseSuspension(deps: AppDeps, base: ContextWithoutTransaction, accountId: string): Promise<{ removedBlocks: number }> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:FraudPreventionAndDetection' }, async (ctx) => {
    const account = await moveAccount(ctx, accountId, 'suspended', 'active', deps.now(), 'This account is not suspended.');
    const removed = await deleteAbuseBlocksOfAccount(ctx.trx, account.id);
    await recordAuditEvent(ctx, { action: 'account.suspension_lifted', subjectId: account.subject_id, details: { accountId: account.id, removedAbuseBlocks: removed } });
    const profile = await openAccountRow(ctx.trx, deps.keyring, account);
    const tr = translator(profile.locale);
    await tellCustomer(ctx, deps, profile, tr('customerRecords.lifted.message.title'), tr('customerRecords.lifted.message.body'), 'account.suspension_lifted');
    return { removedBlocks: removed.length };
  });
}

/** The status changes only from `from` (a conditional update), so two staff members acting at once cannot both succeed. */
async function moveAccount(ctx: RequestContext, accountId: string, from: AccountStatus, to: AccountStatus, now: Date, conflict: string) {
  const account = await findAccountById(ctx.trx, accountId);
  if (!account) throw new AppError('NOT_FOUND', 'No such customer');
  if (!(await changeAccountStatus(ctx.trx, account.id, from, to, now))) throw new AppError('CONFLICT', conflict);
  return account;
}

/** The inbox message and its email copy: a service message, part of the contract (promise B18). */
async function tellCustomer(ctx: RequestContext, deps: AppDeps, profile: Awaited<ReturnType<typeof openAccountRow>>, title: string, body: string, template: string): Promise<void> {
  await postAccountMessage(ctx, deps.keyring, { accountId: profile.id, subjectId: profile.subjectId, category: 'abuse', title, body });
  const tr = translator(profile.locale);
  const text = `${tr('accounts.email.greeting', { name: profile.firstName })}\n\n${body}\n\n${tr('accounts.email.signature')}\n`;
  await enqueueEmail(ctx, deps.keyring, { subjectId: profile.subjectId, messageClass: 'service', template, message: { to: profile.email, subject: title, text } });
}
