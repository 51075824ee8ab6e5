import { maskCardNumbers } from '../card-numbers/card-numbers.js';
import { systemContext, type ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { answerTicket, closeTicketAsStaff } from './answer-ticket.js';
import { openTicket } from './open-ticket.js';
import { listOwnTickets } from './read-tickets.js';
import { replyToTicket } from './reply-to-ticket.js';

interface DemoConversation {
  readonly department: string;
  readonly subjects: readonly string[];
  readonly body: string;
  readonly staffReply?: string;
  readonly internalNote?: string;
  readonly customerAnswer?: string;
  readonly close?: boolean;
}

const conversations: readonly DemoConversation[] = [
  {
    department: 'technical',
    subjects: ['Website shows error 500 after the PHP update', 'Blank page since switching to PHP 8.3', 'Shop checkout fails after PHP upgrade'],
    body: 'Since this morning my site only shows "500 Internal Server Error". I changed the PHP version in the panel yesterday.',
    staffReply: 'Thank you for the details. The error log shows a plugin that is not compatible with PHP 8.3. Could you disable it, or shall we switch back to PHP 8.1 for you?',
    internalNote: 'Checked the vhost error log: fatal error in an outdated caching plugin. No server-side problem.',
    customerAnswer: 'Please switch back to PHP 8.1 for now, I will update the plugin next week.',
  },
  {
    department: 'billing',
    subjects: ['Invoice charged twice', 'Double payment for my hosting plan', 'Refund for a duplicate payment'],
    // The route masks card numbers on arrival; the demo does the same before calling the use case.
    body: 'My last invoice was charged twice to my card 4111 1111 1111 1111. Could you refund one of the payments?',
    staffReply: 'We found the duplicate payment and refunded it today. It should appear on your statement within five business days.',
    internalNote: 'Refund issued through the payment processor; reference in the payments list.',
    close: true,
  },
  {
    department: 'general',
    subjects: ['Moving three domains to a new account', 'Question about transferring my domains', 'Can I merge two hosting accounts?'],
    body: 'I would like to move my domains from my old account to this one. What do I need to do?',
  },
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;
}

/**
 * Demo tickets for one customer through the same use cases as the pages: a technical question
 * with a staff reply, an internal note and the customer's answer; a closed billing ticket whose
 * card number was masked; and an unanswered question. Staff act as the support team (system).
 * A customer who already has tickets is left as is.
 */
export async function seedSupportDemo(deps: AppDeps, customer: { accountId: string; subjectId: string }, random: () => number): Promise<void> {
  if ((await listOwnTickets(deps, customer)).length > 0) return;
  const asCustomer: ContextWithoutTransaction = { ...systemContext('dpv:CustomerCare', 'demo-seed'), actor: { type: 'customer', id: customer.accountId } };
  const asStaff = systemContext('dpv:CustomerCare', 'demo-seed');
  const author = { kind: 'customer', accountId: customer.accountId } as const;
  for (const conversation of conversations) {
    const { reference } = await openTicket(deps, asCustomer, customer, author, {
      departmentId: conversation.department,
      subject: maskCardNumbers(pick(conversation.subjects, random)),
      body: maskCardNumbers(conversation.body),
      confirmSensitive: false,
    }, { random });
    if (conversation.staffReply) await answerTicket(deps, asStaff, null, reference, { body: conversation.staffReply, internal: false });
    if (conversation.internalNote) await answerTicket(deps, asStaff, null, reference, { body: conversation.internalNote, internal: true });
    if (conversation.customerAnswer) await replyToTicket(deps, asCustomer, customer, author, reference, { body: conversation.customerAnswer, confirmSensitive: false });
    if (conversation.close) await closeTicketAsStaff(deps, asStaff, reference);
  }
}
