import { marketingEmailPurpose } from '../consent/consent-purposes.js';
import type { ConsentChannel, ConsentMethod, ConsentStatus } from '../consent/consent.tables.js';
import { companyWords, countryPools, exampleDomains, type CountryPool } from '../demo/demo-names.js';
import { pick, countAround } from '../demo/seeded-random.js';
import { accountAreas } from '../trusted-users/account-areas.js';
import { chance, DAY, digits, HOUR, MINUTE, someOf, timeBetween, type PlanContext } from './plan-context.js';
import { scaleRatios as ratios } from './scale-ratios.js';
import type { Random } from './scale-ids.js';
import { commentTexts, inboxTexts, userAgentFamilies, type InboxText } from './scale-texts.js';

export interface PersonPlan {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly country: string;
  readonly locale: 'en' | 'de';
  readonly phone: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
}

export interface ProfilePlan {
  readonly at: number;
  readonly phone: string | null;
  readonly company: string | null;
  readonly vatId: string | null;
  readonly addressLines: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

export interface AccountContactPlan {
  readonly role: 'billing' | 'technical';
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly at: number;
}

export interface ConsentPlan {
  readonly purpose: string;
  readonly channel: ConsentChannel;
  readonly status: ConsentStatus;
  readonly method: ConsentMethod;
  readonly at: number;
  readonly evidence: Record<string, string>;
}

export interface GrantPlan {
  readonly status: 'invited' | 'active' | 'revoked';
  readonly areas: string[];
  readonly createdAt: number;
  readonly acceptedAt: number | null;
  readonly endedAt: number | null;
  /** Picks the trusted person among the other customers of the chunk. */
  readonly partnerPick: number;
  /** Someone without an account yet, for invitations not accepted. */
  readonly outsiderEmail: string;
}

export interface Network {
  readonly ipTruncated: string;
  readonly userAgent: string;
}

/** Mailbox-safe ASCII for the local part: "Müller" → "muller", "O'Sullivan" → "osullivan". */
export function asciiLocalPart(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/[^A-Za-z]/g, '').toLowerCase();
}

/** Unique by the tag (the subject's index): addresses on the reserved example domains (RFC 2606). */
export function planPerson(random: Random, tag: string, pool: CountryPool = pick(random, countryPools)): PersonPlan {
  const firstName = pick(random, pool.firstNames);
  const lastName = pick(random, pool.lastNames);
  const place = pick(random, pool.cities);
  return {
    firstName,
    lastName,
    email: `${asciiLocalPart(firstName)}.${asciiLocalPart(lastName)}.${tag}@${pick(random, exampleDomains)}`,
    country: pool.country,
    locale: pool.locale,
    phone: `${pool.phonePrefix} ${digits(random, 7)}`,
    street: `${pick(random, pool.streets)} ${1 + Math.floor(random() * 120)}`,
    postalCode: place.postalCode,
    city: place.city,
  };
}

export function poolOf(country: string): CountryPool {
  return countryPools.find((pool) => pool.country === country) ?? countryPools[0]!;
}

export function planProfile(random: Random, person: PersonPlan, at: number, required: boolean): ProfilePlan | null {
  if (!required && !chance(random, ratios.profileShare)) return null;
  const company = chance(random, ratios.companyShare) ? `${person.lastName} ${pick(random, companyWords)}` : null;
  const vatId = company && chance(random, ratios.vatIdShareOfCompanies) ? `${poolOf(person.country).vatPrefix}${digits(random, 9)}` : null;
  return {
    at,
    phone: chance(random, ratios.phoneShare) ? person.phone : null,
    company,
    vatId,
    addressLines: person.street,
    postalCode: person.postalCode,
    city: person.city,
    country: person.country,
  };
}

export function planAccountContacts(random: Random, tag: string, from: number, until: number): AccountContactPlan[] {
  if (!chance(random, ratios.accountContactShare)) return [];
  const count = Math.min(20, 1 + countAround(random, ratios.extraAccountContactsMean));
  return Array.from({ length: count }, (_, k) => {
    const person = planPerson(random, `${tag}c${k + 1}`);
    return { role: chance(random, 0.5) ? 'billing' : 'technical', name: `${person.firstName} ${person.lastName}`, email: person.email, phone: chance(random, 0.6) ? person.phone : null, at: timeBetween(random, from, until) };
  });
}

export function planNetwork(random: Random): Network {
  const ipTruncated = chance(random, 0.7)
    ? `${pick(random, ['192.0.2', '198.51.100', '203.0.113'])}.0/24`
    : `2001:db8:${Math.floor(random() * 0xffff).toString(16)}::/48`;
  return { ipTruncated, userAgent: pick(random, userAgentFamilies) };
}

export function planConsents(random: Random, from: number, until: number): ConsentPlan[] {
  const plans: ConsentPlan[] = [];
  if (chance(random, ratios.marketingEmailShare)) {
    const requestedAt = timeBetween(random, from, until);
    const givenAt = requestedAt + 5 * MINUTE + Math.floor(random() * 2 * DAY);
    if (givenAt < until) {
      plans.push({ purpose: marketingEmailPurpose, channel: 'email', status: 'given', method: 'double_opt_in', at: givenAt, evidence: { confirmationRequestedAt: new Date(requestedAt).toISOString() } });
      if (chance(random, ratios.marketingWithdrawShare)) {
        plans.push({ purpose: marketingEmailPurpose, channel: 'email', status: 'withdrawn', method: chance(random, 0.5) ? 'account_form' : 'unsubscribe_link', at: timeBetween(random, givenAt + MINUTE, until), evidence: {} });
      }
    }
  }
  if (chance(random, ratios.smsChoiceShare)) {
    plans.push({ purpose: 'custodian:PartnerOffers', channel: 'sms', status: chance(random, 0.7) ? 'given' : 'withdrawn', method: 'account_form', at: timeBetween(random, from, until), evidence: {} });
  }
  return plans;
}

/** Sign-ins within the sign-in history window (successes, and a few mistyped passwords). */
export function planSignIns(ctx: PlanContext, random: Random, signupAt: number): Array<{ at: number; outcome: 'success' | 'bad_password' }> {
  const windowStart = Math.max(signupAt, ctx.asOf - ctx.windows.signInDays * DAY);
  const mean = (ratios.signInsPer90Days * (ctx.asOf - windowStart)) / (90 * DAY);
  const events: Array<{ at: number; outcome: 'success' | 'bad_password' }> = [];
  for (let n = countAround(random, mean); n > 0; n -= 1) events.push({ at: timeBetween(random, windowStart, ctx.asOf), outcome: 'success' });
  if (chance(random, ratios.failedSignInShare)) {
    for (let n = 1 + Math.floor(random() * 3); n > 0; n -= 1) events.push({ at: timeBetween(random, windowStart, ctx.asOf), outcome: 'bad_password' });
  }
  return events.sort((a, b) => a.at - b.at);
}

export function planSession(ctx: PlanContext, random: Random, signupAt: number): { createdAt: number; lastSeenAt: number; expiresAt: number } | null {
  if (!chance(random, ratios.liveSessionShare)) return null;
  const createdAt = timeBetween(random, Math.max(signupAt, ctx.asOf - ctx.sessionTtlMs + HOUR), ctx.asOf);
  return { createdAt, lastSeenAt: timeBetween(random, createdAt, ctx.asOf), expiresAt: createdAt + ctx.sessionTtlMs };
}

export function planInbox(random: Random, locale: 'en' | 'de', from: number, until: number): Array<InboxText & { at: number; readAt: number | null }> {
  return Array.from({ length: countAround(random, ratios.accountMessagesMean) }, () => {
    const text = pick(random, inboxTexts[locale]);
    const at = timeBetween(random, from, until);
    const readAt = chance(random, 0.7) ? at + Math.floor(random() * 3 * DAY) : null;
    return { ...text, at, readAt: readAt !== null && readAt < until ? readAt : null };
  });
}

export function planGrant(ctx: PlanContext, random: Random, tag: string, signupAt: number): GrantPlan | null {
  if (!chance(random, ratios.trustedUserShare)) return null;
  const roll = random();
  const areas = someOf(random, accountAreas, 3);
  const partnerPick = random();
  const outsider = planPerson(random, `${tag}t`);
  // Invitations are valid for a week: a pending one was sent within the last six days.
  if (roll < 0.15 || ctx.asOf - signupAt < 3 * DAY) {
    return { status: 'invited', areas, createdAt: timeBetween(random, Math.max(signupAt, ctx.asOf - 6 * DAY), ctx.asOf), acceptedAt: null, endedAt: null, partnerPick, outsiderEmail: outsider.email };
  }
  const createdAt = timeBetween(random, signupAt, ctx.asOf - 2 * DAY);
  const acceptedAt = createdAt + HOUR + Math.floor(random() * DAY);
  const endedAt = roll < 0.3 ? timeBetween(random, acceptedAt + HOUR, ctx.asOf) : null;
  return { status: endedAt === null ? 'active' : 'revoked', areas, createdAt, acceptedAt, endedAt, partnerPick, outsiderEmail: outsider.email };
}

export function planComment(ctx: PlanContext, random: Random, signupAt: number): { announcement: number; at: number; body: string } | null {
  if (!chance(random, ratios.commentShare)) return null;
  const eligible = ctx.announcements.map((at, index) => ({ at, index })).filter((a) => a.at < ctx.asOf);
  if (eligible.length === 0) return null;
  const chosen = pick(random, eligible);
  const from = Math.max(chosen.at, signupAt) + MINUTE;
  const body = pick(random, commentTexts);
  return from < ctx.asOf ? { announcement: chosen.index, at: timeBetween(random, from, ctx.asOf), body } : null;
}
