import { countAround, pick } from '../demo/seeded-random.js';
import type { TicketStatus } from '../support/support.tables.js';
import { chance, DAY, HOUR, timeBetween, type PlanContext } from './plan-context.js';
import { scaleRatios as ratios } from './scale-ratios.js';
import { maxTicketsPerCustomer, type Random } from './scale-ids.js';
import { attachmentTexts, customerFollowUps, internalNotes, staffReplies, ticketTexts } from './scale-texts.js';

export interface TicketMessagePlan {
  readonly author: 'customer' | 'staff';
  readonly internal: boolean;
  readonly body: string;
  readonly at: number;
  readonly attachment: string | null;
}

export interface TicketPlan {
  readonly department: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly closedAt: number | null;
  readonly messages: readonly TicketMessagePlan[];
}

/**
 * Tickets alternate between the customer and the support team. A conversation that went quiet two
 * weeks ago is closed; a recent one waits for whoever is to answer next.
 */
export function planTickets(ctx: PlanContext, random: Random, locale: 'en' | 'de', signupAt: number): TicketPlan[] {
  const count = Math.min(maxTicketsPerCustomer, countAround(random, ratios.ticketsMean));
  return Array.from({ length: count }, () => {
    const text = pick(random, ticketTexts[locale]);
    const createdAt = timeBetween(random, signupAt + HOUR, ctx.asOf - HOUR);
    const messages: TicketMessagePlan[] = [];
    let at = createdAt;
    const total = 1 + countAround(random, ratios.extraMessagesMean);
    for (let m = 0; m < total && at < ctx.asOf; m += 1) {
      const author = m % 2 === 0 ? 'customer' : 'staff';
      const body = m === 0 ? text.body : pick(random, author === 'customer' ? customerFollowUps[locale] : staffReplies[locale]);
      const attachment = author === 'customer' && chance(random, ratios.attachmentShare) ? pick(random, attachmentTexts) : null;
      messages.push({ author, internal: false, body, at, attachment });
      if (m === 0 && chance(random, ratios.internalNoteShare)) messages.push({ author: 'staff', internal: true, body: pick(random, internalNotes), at: at + 1000, attachment: null });
      at += HOUR + Math.floor(random() * 2 * DAY);
    }
    const last = messages[messages.length - 1]!;
    const lastPublic = [...messages].reverse().find((message) => !message.internal)!;
    const closeAt = last.at + HOUR + Math.floor(random() * 7 * DAY);
    const closed = last.at < ctx.asOf - 14 * DAY && chance(random, 0.95);
    const status: TicketStatus = closed ? 'closed'
      : lastPublic.author === 'staff' ? 'awaiting_customer'
      : messages.filter((message) => !message.internal).length === 1 ? 'open' : 'awaiting_staff';
    return { department: text.department, subject: text.subject, status, createdAt, updatedAt: closed ? closeAt : last.at, closedAt: closed ? closeAt : null, messages };
  });
}
