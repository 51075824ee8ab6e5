import { isEeaCountry } from '../register/countries.js';
import { retentionLines, termLabel } from '../register/derive-from-datamap.js';
import type { PolicySnapshot } from './policy-snapshot.js';

export const changeSections = ['purposes', 'recipients', 'transfers', 'retention', 'rights', 'other'] as const;
export type ChangeSection = (typeof changeSections)[number];
/** Changes that customers are told about (promise G41); "other" (e.g. a new office address) is not. */
export const notifiableSections: readonly ChangeSection[] = ['purposes', 'recipients', 'transfers', 'retention', 'rights'];

export interface SectionDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

export interface PolicyChanges {
  /** The first version: nothing to compare with. */
  readonly baseline: boolean;
  readonly sections: Record<ChangeSection, SectionDiff>;
  /** Sections with any difference, in changeSections order. */
  readonly changed: ChangeSection[];
  /** Descriptions of purposes that newly rely on consent: customers are asked to opt in, never assumed to. */
  readonly newConsentPurposes: string[];
}

/** label -> comparable value, per section. Labels are what people read in the diff. */
type Items = Map<string, string>;

/** JSON with sorted keys: a snapshot read back from jsonb has its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function items<T>(list: readonly T[], label: (item: T) => string, value: (item: T) => unknown = (item) => item): Items {
  return new Map(list.map((item) => [label(item), canonical(value(item))]));
}

function sectionItems(s: PolicySnapshot): Record<ChangeSection, Items> {
  const r = s.register;
  const consent = r.purposes.filter((p) => p.legalBasis === 'eu-gdpr:A6-1-a');
  return {
    purposes: items(r.purposes, (p) => p.description, (p) => ({ ...p, description: undefined, id: p.id })),
    recipients: items(r.recipients, (x) => x.name),
    // Where data goes: recipients and our own storage outside the EEA, and the residency promises.
    transfers: new Map<string, string>([
      ...items(r.recipients.filter((x) => !isEeaCountry(x.country)), (x) => `${x.name} (${x.country})`, (x) => x.safeguard ?? null),
      ...items(r.storageLocations.filter((x) => !isEeaCountry(x.country)), (x) => `${x.region}, ${x.provider} (${x.country})`),
      ...items(r.residencyRules ?? [], (x) => `${x.region.name} (${x.jurisdictions.join(', ')})`, (x) => ({ ...x, id: undefined })),
    ]),
    retention: items(retentionLines(s.dataMap, s.retention), (l) => `${termLabel(l.category)}: ${l.tableDescription}`, (l) => [l.retention, l.keep ?? null]),
    rights: new Map<string, string>([
      ...items([r.supervisoryAuthority], (a) => a.name),
      ...items([r.controller.email], (email) => email),
      ...items(r.automatedDecisions, (d) => d.name),
      ...items(consent, (p) => p.description, (p) => p.id),
    ]),
    other: new Map<string, string>([
      ...items([r.controller], (c) => c.legalName, (c) => ({ ...c, email: undefined })),
      ...items(r.storageLocations.filter((x) => isEeaCountry(x.country)), (x) => `${x.region}, ${x.provider} (${x.country})`),
      ...items(r.securityMeasures, (m) => (m.length > 80 ? `${m.slice(0, 77)}...` : m)),
      ...items(r.sources, (x) => x.name),
      ...items(r.cookies, (x) => x.name),
    ]),
  };
}

function diff(before: Items, after: Items): SectionDiff {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}

/** What changed from one version to the next, per section of the register. */
export function compareSnapshots(before: PolicySnapshot | null, after: PolicySnapshot): PolicyChanges {
  const next = sectionItems(after);
  const prev = before ? sectionItems(before) : null;
  const sections = Object.fromEntries(changeSections.map((s) => [s, prev ? diff(prev[s], next[s]) : { added: [], removed: [], changed: [] }])) as Record<ChangeSection, SectionDiff>;
  const changed = changeSections.filter((s) => sections[s].added.length + sections[s].removed.length + sections[s].changed.length > 0);
  const wasConsent = new Set(before?.register.purposes.filter((p) => p.legalBasis === 'eu-gdpr:A6-1-a').map((p) => p.id) ?? []);
  const newConsentPurposes = before ? after.register.purposes.filter((p) => p.legalBasis === 'eu-gdpr:A6-1-a' && !wasConsent.has(p.id)).map((p) => p.description) : [];
  return { baseline: before === null, sections, changed, newConsentPurposes };
}

export function needsNotice(changes: PolicyChanges): boolean {
  return !changes.baseline && changes.changed.some((s) => notifiableSections.includes(s));
}

export type LineChange = { readonly op: 'same' | 'added' | 'removed'; readonly text: string };

/** A line diff (longest common subsequence) of two notice texts. */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push({ op: 'same', text: a[i]! }); i++; j++; }
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'removed', text: a[i++]! });
    else out.push({ op: 'added', text: b[j++]! });
  }
  while (i < a.length) out.push({ op: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ op: 'added', text: b[j++]! });
  return out;
}
