import { pick } from '../demo/seeded-random.js';
import { InvoiceBook } from './invoice-book.js';
import { chance, dayOf, dayStart, MINUTE, slotOf, type PlanContext } from './plan-context.js';
import { planDomains, type DomainPlan } from './plan-domains.js';
import {
  planAccountContacts, planComment, planConsents, planGrant, planInbox, planNetwork, planPerson, planProfile, planSession, planSignIns,
  type AccountContactPlan, type ConsentPlan, type GrantPlan, type Network, type PersonPlan, type ProfilePlan,
} from './plan-person.js';
import { planServices, type ServicePlan } from './plan-services.js';
import { planTickets, type TicketPlan } from './plan-support.js';
import { scaleRatios as ratios } from './scale-ratios.js';
import { SubjectSource } from './scale-ids.js';

export interface CustomerPlan {
  readonly index: number;
  /** Ids of the customer's rows, drawn in the order rows are built. */
  readonly ids: SubjectSource;
  readonly person: PersonPlan;
  readonly signupAt: number;
  readonly verifiedAt: number;
  readonly profile: ProfilePlan | null;
  readonly contacts: readonly AccountContactPlan[];
  readonly network: Network;
  readonly card: { readonly brand: string; readonly last4: string };
  readonly book: InvoiceBook;
  readonly services: readonly ServicePlan[];
  readonly domains: readonly DomainPlan[];
  readonly tickets: readonly TicketPlan[];
  readonly consents: readonly ConsentPlan[];
  readonly signIns: ReadonlyArray<{ readonly at: number; readonly outcome: 'success' | 'bad_password' }>;
  readonly session: { readonly createdAt: number; readonly lastSeenAt: number; readonly expiresAt: number } | null;
  readonly inbox: ReturnType<typeof planInbox>;
  readonly grant: GrantPlan | null;
  readonly comment: ReturnType<typeof planComment>;
}

const cards = [['visa', '4242'], ['mastercard', '4444'], ['visa', '1881'], ['mastercard', '5100'], ['amex', '0005']] as const;

/**
 * One customer's whole history as plain values, from the seed and the index alone: who they are,
 * when they signed up, what they ordered and paid, what they asked support. Building rows (and
 * encrypting) happens later; the plan is cheap enough to compute twice (once to count documents).
 */
export function planCustomer(ctx: PlanContext, index: number): CustomerPlan {
  const ids = new SubjectSource(ctx.seed, 'customer', index);
  const random = ids.random;
  const tag = `c${(index + 1).toString(36)}`;
  const person = planPerson(random, tag);
  const signupDay = ctx.asOfDay - 1 - Math.floor(random() * ratios.historyDays);
  const firstDocumentAt = dayStart(signupDay) + slotOf(ctx, index);
  const signupAt = firstDocumentAt - 5 * MINUTE - Math.floor(random() * 50 * MINUTE);
  const verifiedAt = signupAt + MINUTE + Math.floor(random() * 4 * MINUTE);
  const latePayer = chance(random, ratios.latePayerShare);
  const [brand, last4] = pick(random, cards);
  const book = new InvoiceBook(ctx, random, slotOf(ctx, index), latePayer);
  const domains = planDomains(ctx, random, book, person, tag, signupDay);
  const services = planServices(ctx, random, book, signupDay, domains.map((d) => d.fqdn));
  if (chance(random, ratios.goodwillCreditShare)) {
    const paid = book.invoices.map((invoice, i) => ({ invoice, i })).filter(({ invoice }) => invoice.monthly && invoice.paidAt !== null && dayOf(invoice.paidAt) <= ctx.asOfDay - 3);
    const latest = paid[paid.length - 1];
    if (latest) book.credit(latest.i, 0.5, 'Goodwill credit for a service interruption.');
  }
  book.finish();
  return {
    index, ids, person, signupAt, verifiedAt,
    profile: planProfile(random, person, signupAt + MINUTE, services.length + domains.length > 0),
    contacts: planAccountContacts(random, tag, verifiedAt, ctx.asOf),
    network: planNetwork(random),
    card: { brand, last4 },
    book, services, domains,
    tickets: planTickets(ctx, random, person.locale, signupAt),
    consents: planConsents(random, verifiedAt, ctx.asOf),
    signIns: planSignIns(ctx, random, signupAt),
    session: planSession(ctx, random, signupAt),
    inbox: planInbox(random, person.locale, verifiedAt, ctx.asOf),
    grant: planGrant(ctx, random, tag, verifiedAt),
    comment: planComment(ctx, random, signupAt),
  };
}

/** The customer, their account contacts, other people named on domains, and an invited trusted user. */
export function subjectsOf(plan: CustomerPlan): number {
  return 1 + plan.contacts.length + plan.domains.reduce((sum, d) => sum + d.others.length, 0) + (plan.grant ? 1 : 0);
}
