import { encryptedAccountFields } from '../accounts/account-fields.js';
import { postAccountMessages, type PostAccountMessageInput } from '../account-messages/post-account-message.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { JobContext } from '../jobs/start-worker.js';
import type { PolicyChanges } from './compare-versions.js';
import { composeChangeNotice } from './compose-change-notice.js';
import { claimNoticeMarkers, recipientsAfter, recordProgress } from './policy-versions.store.js';
import { policyNoticesKind } from './publish-policy-version.js';

export const noticeBatchSize = 200;

type Deps = Pick<AppDeps, 'db' | 'keyring' | 'config'>;

/**
 * One batch of change notices: the next accounts after the cursor each get an account message and
 * a service email, and the job for the next batch is queued, all in one transaction. The marker
 * table makes a retried batch skip whoever was already told.
 */
export async function notifyPolicyChangeBatch(deps: Deps, job: Pick<JobContext, 'payload'>, batchSize = noticeBatchSize): Promise<void> {
  const versionId = String(job.payload.versionId);
  const after = typeof job.payload.after === 'string' ? job.payload.after : null;
  await inTransaction(deps.db, systemContext('dpv:CommunicationForCustomerCare'), async (ctx) => {
    const version = await ctx.trx.selectFrom('policy_versions').select(['id', 'version', 'published_at', 'requires_acceptance', 'changes', 'notify_status', (eb) => eb.cast<string>('effective_date', 'text').as('effective_date')])
      .where('id', '=', versionId).forUpdate().executeTakeFirst();
    if (!version || version.notify_status === 'done') return;
    const recipients = await recipientsAfter(ctx.trx, version.published_at, after, batchSize);
    const fresh = await claimNoticeMarkers(ctx.trx, version.id, recipients);
    const base = { version: version.version, effectiveDate: version.effective_date, changes: version.changes as PolicyChanges, requiresAcceptance: version.requires_acceptance };
    const opened = new Map<string, SubjectCipher>();
    const inbox: PostAccountMessageInput[] = [];
    for (const account of recipients) {
      if (!fresh.has(account.id)) continue;
      const cipher = await deps.keyring.forSubject(ctx.trx, account.subject_id);
      opened.set(account.subject_id, cipher);
      const tr = translator(account.locale);
      const message = composeChangeNotice(tr, { ...base, baseUrl: '' });
      inbox.push({ accountId: account.id, subjectId: account.subject_id, category: 'policy_change', title: message.title, body: message.text });
      const mail = composeChangeNotice(tr, { ...base, baseUrl: deps.config.http.publicUrl });
      const text = `${tr('accounts.email.greeting', { name: cipher.decrypt(account.first_name_enc, encryptedAccountFields.firstName) })}\n\n${mail.text}\n\n${tr('accounts.email.signature')}\n`;
      await enqueueEmail(ctx, deps.keyring, {
        subjectId: account.subject_id, messageClass: 'service', template: 'policy.change_notice',
        message: { to: cipher.decrypt(account.email_enc, encryptedAccountFields.email), subject: mail.title, text },
      });
    }
    await postAccountMessages(ctx, deps.keyring, inbox, { reason: 'policy.change_notice', referenceId: version.id }, opened);
    const last = recipients.at(-1);
    const more = recipients.length === batchSize && last !== undefined;
    await recordProgress(ctx.trx, version.id, fresh.size, more ? 'running' : 'done');
    if (more) await enqueueJob(ctx.trx, { kind: policyNoticesKind, payload: { versionId: version.id, after: last.id }, dedupeKey: `${policyNoticesKind}:${version.id}:${last.id}` });
    await recordAuditEvent(ctx, { action: 'policy.change_notices_sent', subjectId: null, details: { versionId: version.id, notified: fresh.size, batch: recipients.length, finished: !more } });
  });
}

/** The job handlers of this capability, for the worker started with the app and for tests. */
export function policyVersionJobHandlers(deps: Deps) {
  return { [policyNoticesKind]: (job: JobContext) => notifyPolicyChangeBatch(deps, job) };
}
