/**
 * How much of everything generated data holds, in one place. The figures are issue 3's estimate
 * of a small-to-mid European hosting provider (no survey behind them); where a figure follows
 * from a rule elsewhere (monthly billing, retention periods), the rule is named. Counts drawn
 * "around" a mean use a geometric-like spread: most customers have few, some have many.
 */
export const scaleRatios = {
  /** Sign-ups spread evenly over three years: enough history for renewals, reminders and closed tickets. */
  historyDays: 3 * 365,
  /** Applicants are 0.5 % of all subjects (issue 3): few positions, many applicants each. */
  applicantShare: 0.005,

  /** ~1.3 services per customer (issue 3): 10 % hold only domains, the rest 1 + ~0.44 more. */
  noServiceShare: 0.1,
  extraServicesMean: 0.44,
  /** Services a customer cancelled at some point; ends their monthly invoice lines. */
  serviceCancelShare: 0.12,
  /** Orders the panel could not set up: paid, then credited and refunded in full. */
  serviceFailShare: 0.01,

  /** ~2 domains per customer (issue 3): 10 % have none, the rest 1 + ~1.2 more. */
  noDomainShare: 0.1,
  extraDomainsMean: 1.2,
  transferShare: 0.25,
  /** Domains renewed when due; the rest expire. */
  renewShare: 0.85,
  /** Domains naming another person (own subject) as admin and technical contact. */
  domainOtherContactShare: 0.1,
  /** Registrants who chose to publish contact data in RDAP (default is to publish nothing). */
  publishContactShare: 0.05,

  /**
   * Billing: one invoice per service order and per domain order or renewal, and one monthly invoice
   * on the customer's billing day with a line per active service (1–3 lines): ~12–15 invoices a year.
   */
  payWithinDaysMax: 12,
  /** Customers who leave their recent invoices unpaid past the due date (reminded; services suspended after 3 weeks). */
  latePayerShare: 0.015,
  /** Charges declined once before the successful one. */
  failedChargeShare: 0.03,
  /** Customers who got a goodwill credit note (half of one monthly invoice, refunded). */
  goodwillCreditShare: 0.003,

  /** ~1.5 tickets per customer with ~3 messages each (issue 3). */
  ticketsMean: 1.5,
  extraMessagesMean: 2,
  internalNoteShare: 0.1,
  attachmentShare: 0.05,

  /** Successful sign-ins per customer per 90 days; 10 % also mistyped their password. */
  signInsPer90Days: 4,
  failedSignInShare: 0.1,
  /** Customers with a session that is still live. */
  liveSessionShare: 0.2,

  /** Marketing email consent (double opt-in); some withdrew later; a few chose SMS partner offers. */
  marketingEmailShare: 0.35,
  marketingWithdrawShare: 0.15,
  smsChoiceShare: 0.05,

  /** Customers who filled in their profile (always those with services or domains: invoices need the address). */
  profileShare: 0.5,
  companyShare: 0.25,
  vatIdShareOfCompanies: 0.6,
  phoneShare: 0.5,
  /** Account contacts for ~20 % of customers (issue 3), each their own subject. */
  accountContactShare: 0.2,
  extraAccountContactsMean: 0.2,
  /** Trusted users for ~3 % of customers (issue 3): mostly accepted, some pending or revoked. */
  trustedUserShare: 0.03,

  /** A licensed panel checks its licence about daily. */
  licenceCheckDailyShare: 0.9,
  /** Service messages in the account inbox. */
  accountMessagesMean: 1.5,
  /** Customers who commented under an announcement. */
  commentShare: 0.03,

  /**
   * Rows with a retention period are generated for that period plus this many days, as if the
   * daily sweep had not run for a week: the retention benchmark has real work.
   */
  sweepBacklogDays: 7,
} as const;

/** Plan codes of the starting catalogue (migration 0009) with their share of orders; licences ≈ 11 %. */
export const planMix: ReadonlyArray<readonly [code: string, share: number]> = [
  ['hosting-starter', 0.25], ['hosting-business', 0.22], ['hosting-pro', 0.1],
  ['vps-s', 0.08], ['vps-m', 0.06], ['vps-l', 0.03],
  ['dedicated-ds1', 0.02], ['dedicated-ds2', 0.01],
  ['ssl-dv', 0.08], ['ssl-wildcard', 0.04],
  ['panel-admin', 0.05], ['panel-pro', 0.04], ['panel-host', 0.02],
];

/** TLDs of the starting catalogue (migration 0010) with their share of domains; 11 % need an identity document. */
export const tldMix: ReadonlyArray<readonly [tld: string, share: number]> = [
  ['com', 0.35], ['de', 0.25], ['net', 0.08], ['org', 0.07], ['eu', 0.06],
  ['io', 0.04], ['it', 0.04], ['es', 0.04], ['ru', 0.03], ['cn', 0.04],
];

/** Subjects per chunk: one transaction each, so an interrupted run keeps whole chunks and resumes after them. */
export const chunkSize = 1000;

/** The largest run the command accepts. */
export const maxSubjects = 1_000_000;

/** Used when no --seed is given, so two plain runs produce the same data. */
export const defaultSeed = 3;
