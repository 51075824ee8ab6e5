import { z } from 'zod';
import { dataSubjectCategories, legalBases, personalDataCategories, purposes } from '../datamap/vocabulary.js';
import { isCountryCode, isEeaCountry } from './countries.js';
import { checkResidencyRules } from './residency.js';

/**
 * The processing register: what the provider declares about itself (Art 13, 14 and 30 GDPR).
 * Where personal data lives and how long it stays is NOT here: that comes from the data map.
 */
const text = z.string().trim().min(1, 'Must not be empty').max(4000);
const line = z.string().trim().min(1, 'Must not be empty').max(300);
const email = z.string().trim().max(254).pipe(z.email('Must be an email address'));
const url = z.string().trim().max(500).pipe(z.url({ protocol: /^https?$/, error: 'Must be an http(s) address' }));
const country = z.string().trim().refine(isCountryCode, 'Must be an ISO 3166-1 alpha-2 country code in capitals, e.g. DE');
const id = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'Use lower-case letters, digits and hyphens, e.g. billing');

export const transferSafeguards = ['adequacy-decision', 'standard-contractual-clauses', 'binding-corporate-rules'] as const;
export type TransferSafeguard = (typeof transferSafeguards)[number];
export const requirementKinds = ['contractual', 'legal', 'none'] as const;
export const recipientKinds = ['processor', 'controller', 'authority'] as const;
export const cookieCategories = ['strictly-necessary', 'preferences', 'analytics', 'marketing'] as const;
export type CookieCategory = (typeof cookieCategories)[number];

const contact = z.strictObject({ name: line, address: text, email });

const controller = z.strictObject({
  legalName: line,
  registrationNumber: line,
  address: text,
  email,
  /** Art 27: only for a controller outside the EU offering services in it. */
  representative: contact.optional(),
  dpo: z.strictObject({ name: line, email }),
});

const purpose = z
  .strictObject({
    id,
    purpose: z.enum(purposes, { error: 'Must be a DPV purpose the vocabulary knows, e.g. dpv:ServiceProvision' }),
    description: text,
    legalBasis: z.enum(legalBases, { error: 'Must be one of eu-gdpr:A6-1-a, A6-1-b, A6-1-c, A6-1-f' }),
    legitimateInterest: text.optional(),
    dataSubjects: z.array(z.enum(dataSubjectCategories)).min(1, 'Name at least one category of data subjects'),
    requirement: z.enum(requirementKinds),
    consequenceOfNotProviding: text,
  })
  .superRefine((p, ctx) => {
    if (p.legalBasis === 'eu-gdpr:A6-1-f' && !p.legitimateInterest) {
      ctx.addIssue({ code: 'custom', path: ['legitimateInterest'], message: `Purpose "${p.id}" relies on legitimate interest (eu-gdpr:A6-1-f): name the interest (Art 13(1)(d))` });
    }
    if (p.legalBasis !== 'eu-gdpr:A6-1-f' && p.legitimateInterest) {
      ctx.addIssue({ code: 'custom', path: ['legitimateInterest'], message: `Purpose "${p.id}" names a legitimate interest but its legal basis is ${p.legalBasis}` });
    }
  });

const recipient = z
  .strictObject({
    name: line,
    kind: z.enum(recipientKinds),
    function: text,
    country,
    dataCategories: z.array(z.enum(personalDataCategories)).min(1, 'Name the data categories the recipient receives'),
    /** The data processing agreement (Art 28(3)); required for processors. */
    dpaReference: line.optional(),
    safeguard: z.enum(transferSafeguards).optional(),
  })
  .superRefine((r, ctx) => {
    if (!isEeaCountry(r.country) && !r.safeguard) {
      ctx.addIssue({
        code: 'custom',
        path: ['safeguard'],
        message: `"${r.name}" is in ${r.country}, outside the EEA: a transfer there needs a safeguard (adequacy-decision, standard-contractual-clauses or binding-corporate-rules; Art 13(1)(f), 44-47 GDPR)`,
      });
    }
    if (r.kind === 'processor' && !r.dpaReference) {
      ctx.addIssue({ code: 'custom', path: ['dpaReference'], message: `Processor "${r.name}" needs a data processing agreement reference (Art 28(3) GDPR)` });
    }
  });

/** `country` is where the location is, so residency rules can be checked against it. */
const storageLocation = z.strictObject({ region: line, country, provider: line, backups: z.boolean() });

/**
 * Promise C.21: customers in `jurisdictions` (whose law demands in-region storage) have their data
 * kept in `region`; `how` tells them how. Coverage by storage locations is checked below.
 */
const residencyRule = z.strictObject({
  id,
  jurisdictions: z.array(country).min(1, 'Name the countries whose law demands storage in the region').max(60),
  region: z.strictObject({ name: line, countries: z.array(country).min(1, 'List the countries of the region').max(60) }),
  how: text,
});
const automatedDecision = z.strictObject({ name: line, logic: text, significance: text, consequences: text });
const source = z.strictObject({
  name: line,
  description: text,
  dataCategories: z.array(z.enum(personalDataCategories)).min(1, 'Name the data categories that come from this source'),
  publiclyAccessible: z.boolean(),
});
const cookie = z.strictObject({ name: line, provider: line, category: z.enum(cookieCategories), duration: line, purpose: text });

/** Art 30(2): what the provider does as processor for its customers' sites, databases and mailboxes. */
const processorCategory = z.strictObject({ id, name: line, description: text, dataSubjects: text, dataCategories: text });
const subProcessor = z
  .strictObject({ name: line, function: text, country, dpaReference: line, safeguard: z.enum(transferSafeguards).optional(), activities: z.array(id).min(1, 'Name the processing activities (by id) the sub-processor takes part in') })
  .superRefine((r, ctx) => {
    if (!isEeaCountry(r.country) && !r.safeguard) {
      ctx.addIssue({ code: 'custom', path: ['safeguard'], message: `Sub-processor "${r.name}" is in ${r.country}, outside the EEA: name the safeguard of the transfer (Art 30(2)(c), 44-47 GDPR)` });
    }
  });
const processorActivities = z
  .strictObject({
    controllers: text,
    activities: z.array(processorCategory).min(1, 'Declare the processing you carry out for customers (Art 30(2)(b))').max(50),
    subProcessors: z.array(subProcessor).max(100),
    securityMeasures: z.array(text).min(1, 'Declare the security measures for customer data (Art 30(2)(d))').max(100),
  })
  .superRefine((pa, ctx) => {
    unique(ctx, pa.activities.map((a) => a.id), 'activities', 'id', 'activity id');
    unique(ctx, pa.subProcessors.map((x) => x.name), 'subProcessors', 'name', 'sub-processor');
    const known = new Set(pa.activities.map((a) => a.id));
    pa.subProcessors.forEach((x, index) => x.activities.forEach((activity, at) => {
      if (!known.has(activity)) ctx.addIssue({ code: 'custom', path: ['subProcessors', index, 'activities', at], message: `Sub-processor "${x.name}" names activity "${activity}", which processorActivities.activities does not declare` });
    }));
  });

export const registerSchema = z
  .strictObject({
    controller,
    supervisoryAuthority: z.strictObject({ name: line, website: url }),
    purposes: z.array(purpose).min(1, 'Declare at least one purpose').max(200),
    recipients: z.array(recipient).max(200),
    storageLocations: z.array(storageLocation).min(1, 'Declare where the data is stored').max(100),
    residencyRules: z.array(residencyRule).max(50),
    securityMeasures: z.array(text).min(1, 'Declare the security measures (Art 30(1)(g))').max(100),
    automatedDecisions: z.array(automatedDecision).max(50),
    sources: z.array(source).max(100),
    cookies: z.array(cookie).max(200),
    processorActivities,
  })
  .superRefine((r, ctx) => {
    unique(ctx, r.purposes.map((p) => p.id), 'purposes', 'id', 'purpose id');
    unique(ctx, r.recipients.map((x) => x.name), 'recipients', 'name', 'recipient');
    unique(ctx, r.cookies.map((c) => c.name), 'cookies', 'name', 'cookie');
    unique(ctx, r.residencyRules.map((x) => x.id), 'residencyRules', 'id', 'residency rule id');
    checkResidencyRules(r, ctx);
  });

function unique(ctx: z.RefinementCtx, values: string[], list: string, key: string, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [list, index, key], message: `Duplicate ${what} "${value}"` });
    seen.add(value);
  });
}

export type Register = z.infer<typeof registerSchema>;
export type RegisterPurpose = Register['purposes'][number];
export type RegisterRecipient = Register['recipients'][number];
export type ProcessorActivities = Register['processorActivities'];
