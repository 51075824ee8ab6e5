import { countAround, pick } from '../demo/seeded-random.js';
import { companyWords } from '../demo/demo-names.js';
import type { DocumentType, DomainStatus, OrderKind, OrderStatus } from '../domains/domains.tables.js';
import { publishableFields } from '../domains/domains.tables.js';
import type { InvoiceBook } from './invoice-book.js';
import { addMonths, chance, dayOf, DAY, HOUR, MINUTE, someOf, timeBetween, weighted, type CatalogueTld, type PlanContext } from './plan-context.js';
import { asciiLocalPart, planPerson, type PersonPlan } from './plan-person.js';
import { scaleRatios as ratios } from './scale-ratios.js';
import type { Random } from './scale-ids.js';

export interface DomainOrderPlan {
  readonly kind: OrderKind;
  readonly years: number;
  readonly invoice: number;
  readonly status: OrderStatus;
  readonly paidAt: number | null;
  readonly submittedAt: number | null;
  readonly finishedAt: number | null;
  /** When the registry answers a submitted order (its operation id carries it). */
  readonly readyAt: number | null;
}

export interface DomainPlan {
  readonly index: number;
  readonly fqdn: string;
  readonly tld: CatalogueTld;
  readonly orderDay: number;
  status: DomainStatus;
  registeredAt: number | null;
  expiresAt: number | null;
  authCode: boolean;
  readonly publishedFields: string[];
  readonly publicationChosenAt: number | null;
  identityVerifiedAt: number | null;
  /** People other than the customer named as admin and technical contact (each their own subject). */
  readonly others: ReadonlyArray<{ readonly role: 'admin' | 'tech'; readonly person: PersonPlan }>;
  readonly orders: DomainOrderPlan[];
  document: { readonly type: DocumentType; readonly uploadedAt: number; readonly decidedAt: number | null } | null;
}

/** Registry delays of the local registrar (src/domains/local-registry.ts). */
const registryMs = { register: 2 * MINUTE, transfer: 5 * DAY, renew: MINUTE } as const;

/**
 * Domains the customer registered or transferred: invoiced at order, sent to the registry once paid
 * (and, where the registry asks for it, once an identity document is approved), renewed a month
 * before expiry by most customers; the rest expire.
 */
export function planDomains(ctx: PlanContext, random: Random, book: InvoiceBook, person: PersonPlan, tag: string, signupDay: number): DomainPlan[] {
  const count = chance(random, ratios.noDomainShare) ? 0 : 1 + countAround(random, ratios.extraDomainsMean);
  const label = `${asciiLocalPart(person.lastName) || 'site'}-${asciiLocalPart(pick(random, companyWords))}`;
  return Array.from({ length: count }, (_, d) => {
    const orderDay = d === 0 ? signupDay : signupDay + Math.floor(random() * (ctx.asOfDay - signupDay));
    const tld = weighted(random, ctx.tlds);
    const kind: OrderKind = chance(random, ratios.transferShare) ? 'transfer' : 'register';
    const years = kind === 'register' && !chance(random, 0.8) ? Math.min(tld.maxYears, 2 + Math.floor(random() * 4)) : 1;
    const invoice = book.add(orderDay, [kind === 'register'
      ? { item: { kind: 'domain', index: d }, text: { kind: 'register', years }, quantity: years, unitCents: tld.yearlyCents }
      : { item: { kind: 'domain', index: d }, text: { kind: 'transfer' }, quantity: 1, unitCents: tld.transferCents }]);
    const others = chance(random, ratios.domainOtherContactShare)
      ? (['admin', 'tech'] as const).map((role) => ({ role, person: planPerson(random, `${tag}d${d + 1}${role[0]}`) }))
      : [];
    const publishes = chance(random, ratios.publishContactShare);
    const domain: DomainPlan = {
      index: d, fqdn: `${label}-${tag}${d > 0 ? `-${d + 1}` : ''}.${tld.tld}`, tld, orderDay,
      status: 'pending_payment', registeredAt: null, expiresAt: null, authCode: kind === 'transfer',
      publishedFields: publishes ? someOf(random, publishableFields, 3) : [],
      publicationChosenAt: publishes ? timeBetween(random, book.at(orderDay) + HOUR, ctx.asOf) : null,
      identityVerifiedAt: null, others, orders: [], document: null,
    };
    fulfil(ctx, random, book, domain, { kind, years, invoice });
    return domain;
  });
}

function fulfil(ctx: PlanContext, random: Random, book: InvoiceBook, domain: DomainPlan, order: { kind: OrderKind; years: number; invoice: number }): void {
  const paidAt = book.paidAt(order.invoice);
  const waiting = { ...order, paidAt, submittedAt: null, finishedAt: null, readyAt: null };
  if (paidAt === null) {
    domain.orders.push({ ...waiting, status: 'awaiting_payment' });
    return;
  }
  let readyFrom = paidAt;
  if (domain.tld.requiresDocument) {
    const uploadedAt = paidAt + HOUR + Math.floor(random() * 2 * DAY);
    const decidedAt = uploadedAt + 2 * HOUR + Math.floor(random() * 3 * DAY);
    const type: DocumentType = chance(random, 0.8) ? 'passport' : 'national_id';
    if (decidedAt >= ctx.asOf) {
      domain.status = 'pending_documents';
      domain.document = uploadedAt < ctx.asOf ? { type, uploadedAt, decidedAt: null } : null;
      domain.orders.push({ ...waiting, status: 'paid' });
      return;
    }
    domain.identityVerifiedAt = decidedAt;
    // Approved documents are deleted when the configured period after the decision ends.
    if (decidedAt >= ctx.asOf - ctx.windows.idDocumentDays * DAY) domain.document = { type, uploadedAt, decidedAt };
    readyFrom = decidedAt;
  }
  const submittedAt = readyFrom + MINUTE;
  const readyAt = submittedAt + registryMs[order.kind];
  if (readyAt >= ctx.asOf) {
    domain.status = order.kind === 'transfer' ? 'transfer_pending' : 'registering';
    domain.orders.push({ ...waiting, status: 'submitted', submittedAt, readyAt });
    return;
  }
  domain.orders.push({ ...waiting, status: 'completed', submittedAt, finishedAt: readyAt, readyAt });
  domain.authCode = false;
  domain.registeredAt = readyAt;
  domain.expiresAt = addMonths(readyAt, 12 * order.years);
  renew(ctx, random, book, domain);
  domain.status = domain.expiresAt <= ctx.asOf ? 'expired' : 'active';
}

/** A renewal is ordered a month before expiry; an unpaid one stays open, and the domain may expire. */
function renew(ctx: PlanContext, random: Random, book: InvoiceBook, domain: DomainPlan): void {
  for (;;) {
    const day = dayOf(domain.expiresAt!) - 30;
    if (day >= ctx.asOfDay || !chance(random, ratios.renewShare)) return;
    const invoice = book.add(day, [{ item: { kind: 'domain', index: domain.index }, text: { kind: 'renew', years: 1 }, quantity: 1, unitCents: domain.tld.yearlyCents }]);
    const paidAt = book.paidAt(invoice);
    if (paidAt === null) {
      domain.orders.push({ kind: 'renew', years: 1, invoice, status: 'awaiting_payment', paidAt: null, submittedAt: null, finishedAt: null, readyAt: null });
      return;
    }
    const submittedAt = Math.min(paidAt + MINUTE, ctx.asOf - 2);
    const finishedAt = Math.min(submittedAt + registryMs.renew, ctx.asOf - 1);
    domain.orders.push({ kind: 'renew', years: 1, invoice, status: 'completed', paidAt, submittedAt, finishedAt, readyAt: finishedAt });
    domain.expiresAt = addMonths(domain.expiresAt!, 12);
  }
}
