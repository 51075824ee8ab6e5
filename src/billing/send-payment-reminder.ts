import { encryptedAccountFields } from '../accounts/account-fields.js';
import { findAccountById } from '../accounts/accounts.store.js';
import { postAccountMessage } from '../account-messages/post-account-message.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { lockInvoice, markReminded } from './billing.store.js';
import { formatMoney } from './invoice-amounts.js';

/**
 * The one payment reminder of an overdue invoice: an inbox message (category billing) and its email
 * copy, part of the contract (no opt-out, promise B.18). Runs from the job queued at the due date;
 * `reminded_at` makes it happen once per invoice even if the job runs twice.
 */
export async function sendPaymentReminder(deps: Pick<AppDeps, 'db' | 'keyring' | 'config' | 'now'>, invoiceId: string): Promise<boolean> {
  return inTransaction(deps.db, systemContext('dpv:CommunicationForCustomerCare'), async (ctx) => {
    const invoice = await lockInvoice(ctx.trx, invoiceId);
    if (!invoice || invoice.status !== 'open' || invoice.reminded_at || !invoice.account_id || !invoice.subject_id) return false;
    const account = await findAccountById(ctx.trx, invoice.account_id);
    if (!account || account.status === 'closed') return false;
    let cipher;
    try {
      cipher = await deps.keyring.forSubject(ctx.trx, invoice.subject_id);
    } catch (error) {
      if (error instanceof SubjectKeyShreddedError) return false;
      throw error;
    }
    const tr = translator(account.locale);
    const path = `/account/billing/invoices/${invoice.id}`;
    const values = { number: invoice.number, amount: formatMoney(invoice.gross_cents - invoice.credited_cents, invoice.currency, account.locale), dueDate: invoice.due_at.toISOString().slice(0, 10) };
    const title = tr('billing.reminder.title', values);
    await postAccountMessage(ctx, deps.keyring, { accountId: account.id, subjectId: account.subject_id, category: 'billing', title, body: tr('billing.reminder.body', { ...values, link: path }) });
    const text = `${tr('accounts.email.greeting', { name: cipher.decrypt(account.first_name_enc, encryptedAccountFields.firstName) })}\n\n${tr('billing.reminder.body', { ...values, link: deps.config.http.publicUrl + path })}\n\n${tr('accounts.email.signature')}\n`;
    await enqueueEmail(ctx, deps.keyring, { subjectId: account.subject_id, messageClass: 'service', template: 'billing.payment_reminder', message: { to: cipher.decrypt(account.email_enc, encryptedAccountFields.email), subject: title, text } });
    await markReminded(ctx.trx, invoice.id, deps.now());
    await recordAuditEvent(ctx, { action: 'invoice.reminded', subjectId: invoice.subject_id, details: { invoiceId: invoice.id, accountId: account.id } });
    return true;
  });
}
