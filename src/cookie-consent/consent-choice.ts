import { createHash, randomBytes } from 'node:crypto';
import type { Register } from '../register/register.schema.js';

/** The categories a visitor chooses; strictly necessary cookies need no consent and are always on. */
export const optionalCategories = ['preferences', 'analytics', 'marketing'] as const;
export type OptionalCategory = (typeof optionalCategories)[number];

export const choiceCookieName = 'custodian_consent';

/** The ledger purpose a category's choice is recorded under. */
export function categoryPurpose(category: OptionalCategory): string {
  return `custodian:cookies-${category}`;
}

/** What the `custodian_consent` cookie holds: the choice itself, never personal data beyond a random id. */
export interface StoredChoice {
  readonly browserId: string;
  /** Hash of the register's cookie list when the choice was made. */
  readonly listVersion: string;
  /** Hash of the banner's wording when the choice was made. */
  readonly noticeVersion: string;
  readonly categories: readonly OptionalCategory[];
  /** Services (see serviceId) switched off inside an accepted category. */
  readonly deniedServices: readonly string[];
  readonly expiresAt: Date;
  /** True once the visitor answered the banner or the settings page; false for a GPC-only record. */
  readonly answered: boolean;
  /** A Global Privacy Control refusal of marketing has been recorded for this browser. */
  readonly gpcRecorded: boolean;
}

export type Cookie = Register['cookies'][number];

export interface Service {
  readonly id: string;
  readonly provider: string;
  readonly category: OptionalCategory;
  readonly cookies: readonly Cookie[];
}

const letters: Record<OptionalCategory, string> = { preferences: 'p', analytics: 'a', marketing: 'm' };
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const serviceIdPattern = slugPattern;

export function newBrowserId(): string {
  return randomBytes(16).toString('base64url');
}

/** A service is one provider's cookies in one category, e.g. "analytics-example-analytics-inc". */
export function serviceId(category: OptionalCategory, provider: string): string {
  const slug = `${category} ${provider}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 64).replace(/-+$/, '');
}

export function servicesOf(cookies: readonly Cookie[]): Service[] {
  const byId = new Map<string, Service>();
  for (const cookie of cookies) {
    if (cookie.category === 'strictly-necessary') continue;
    const id = serviceId(cookie.category, cookie.provider);
    const existing = byId.get(id);
    byId.set(id, { id, provider: cookie.provider, category: cookie.category, cookies: [...(existing?.cookies ?? []), cookie] });
  }
  return [...byId.values()];
}

function shortHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
}

/** Any change to a cookie's name, provider, category, duration or purpose asks every visitor again. */
export function cookieListVersion(cookies: readonly Cookie[]): string {
  return shortHash(JSON.stringify(cookies.map((c) => [c.name, c.provider, c.category, c.duration, c.purpose])));
}

/** The notice version is the hash of the exact wording shown, so any wording change asks again. */
export function noticeVersionOf(noticeText: string): string {
  return shortHash(noticeText);
}

export function serialiseChoice(choice: StoredChoice): string {
  const cats = optionalCategories.filter((c) => choice.categories.includes(c)).map((c) => letters[c]).join('') || '-';
  const flags = `${choice.answered ? 'c' : ''}${choice.gpcRecorded ? 'g' : ''}` || '-';
  const denied = choice.deniedServices.length > 0 ? choice.deniedServices.join('~') : '-';
  return ['1', choice.browserId, choice.listVersion, choice.noticeVersion, cats, String(Math.floor(choice.expiresAt.getTime() / 1000)), flags, denied].join('.');
}

const cookiePattern = /^1\.([A-Za-z0-9_-]{22})\.([0-9a-f]{12})\.([0-9a-f]{12})\.(p?a?m?|-)\.(\d{1,12})\.(c?g?|-)\.([a-z0-9~-]{1,2000})$/;

/** Parses the cookie; anything malformed is treated as no choice at all (the banner asks again). */
export function parseChoice(value: string | undefined): StoredChoice | null {
  if (!value) return null;
  const m = cookiePattern.exec(value);
  if (!m) return null;
  const [, browserId, listVersion, noticeVersion, cats, exp, flags, denied] = m as unknown as [string, string, string, string, string, string, string, string];
  if (cats === '' || flags === '') return null;
  const deniedServices = denied === '-' ? [] : denied.split('~');
  if (!deniedServices.every((s) => slugPattern.test(s))) return null;
  return {
    browserId,
    listVersion,
    noticeVersion,
    categories: optionalCategories.filter((c) => cats.includes(letters[c])),
    deniedServices,
    expiresAt: new Date(Number(exp) * 1000),
    answered: flags.includes('c'),
    gpcRecorded: flags.includes('g'),
  };
}

export interface CurrentVersions {
  readonly listVersion: string;
  readonly noticeVersion: string;
  readonly now: Date;
}

/** A choice counts only while it is unexpired and was made against the current cookie list and notice. */
export function isCurrent(choice: StoredChoice | null, current: CurrentVersions): choice is StoredChoice {
  return choice !== null && choice.expiresAt.getTime() > current.now.getTime() && choice.listVersion === current.listVersion && choice.noticeVersion === current.noticeVersion;
}

/** `Sec-GPC: 1` is the only value that counts (W3C GPC). */
export function hasGpcSignal(header: string | string[] | undefined): boolean {
  return header === '1';
}

/** The categories in force: a current answer's categories, never marketing under GPC. */
export function grantedCategories(choice: StoredChoice | null, gpc: boolean): OptionalCategory[] {
  if (!choice || !choice.answered) return [];
  return choice.categories.filter((c) => !(gpc && c === 'marketing'));
}
