import type { JobHandlers } from '../jobs/start-worker.js';
import type { BackgroundDeps } from '../jobs/start-background-work.js';
import { refundCreditNote } from './refund-credit-note.js';
import { refundKind } from './issue-credit-note.js';
import { paymentReminderKind } from './issue-invoice.js';
import { sendPaymentReminder } from './send-payment-reminder.js';
import { paymentRefundKind, refundUnexpectedPayment } from './refund-unexpected-payment.js';

/** Background work of billing, by job kind. Handlers must be idempotent (a job may run twice). */
export function billingJobHandlers(deps: BackgroundDeps): JobHandlers {
  return {
    [paymentReminderKind]: async (job) => {
      await sendPaymentReminder(deps, String(job.payload.invoiceId));
    },
    [refundKind]: async (job) => {
      await refundCreditNote(deps, String(job.payload.creditNoteId));
    },
    [paymentRefundKind]: async (job) => {
      await refundUnexpectedPayment(deps, String(job.payload.paymentId));
    },
  };
}
