import type { z } from 'zod';
import type { Register } from './register.schema.js';

export type ResidencyRule = Register['residencyRules'][number];
type StorageLocation = Register['storageLocations'][number];

/** What the customer is told: the region their data is kept in and how that is met. */
export interface DataResidency {
  readonly region: string;
  readonly how: string;
}

/**
 * Promise C.21: a residency rule is only as good as the storage behind it. Its region must hold
 * at least one primary (non-backup) storage location and, when the provider keeps backups at
 * all, a backup location too; each jurisdiction must lie in the region; no country may be
 * claimed by two rules (the customer would be told two different things).
 */
export function checkResidencyRules(register: Pick<Register, 'residencyRules' | 'storageLocations'>, ctx: z.RefinementCtx): void {
  const backupsExist = register.storageLocations.some((s) => s.backups);
  const claimedBy = new Map<string, string>();
  register.residencyRules.forEach((rule, index) => {
    const members = new Set(rule.region.countries);
    const inRegion = (s: StorageLocation) => members.has(s.country);
    const issue = (message: string, ...path: (string | number)[]) => ctx.addIssue({ code: 'custom', path: ['residencyRules', index, ...path], message });
    const where = `(rule "${rule.id}"): declare a storage location in ${rule.region.countries.join(', ')}`;
    if (!register.storageLocations.some((s) => inRegion(s) && !s.backups)) issue(`no primary (non-backup) storage location in region ${rule.region.name} ${where} with backups: false`);
    if (backupsExist && !register.storageLocations.some((s) => inRegion(s) && s.backups)) issue(`no backup storage location in region ${rule.region.name} ${where} with backups: true, or the region's data would be backed up outside it`);
    rule.jurisdictions.forEach((country, at) => {
      if (!members.has(country)) issue(`Rule "${rule.id}": ${country} demands storage in the region, but region ${rule.region.name} does not list ${country}`, 'jurisdictions', at);
      const earlier = claimedBy.get(country);
      if (earlier !== undefined) issue(`Rule "${rule.id}": ${country} is already covered by rule "${earlier}"; a country can follow only one residency rule`, 'jurisdictions', at);
      else claimedBy.set(country, rule.id);
    });
  });
}

/**
 * The residency rule that applies to a customer in `country` (ISO 3166-1 alpha-2, as stored on the
 * account), or null. Registers frozen before residency rules existed have none.
 */
export function residencyFor(register: Register, country: string | null | undefined): ResidencyRule | null {
  if (!country) return null;
  const rules: readonly ResidencyRule[] | undefined = register.residencyRules;
  return rules?.find((rule) => rule.jurisdictions.includes(country.toUpperCase())) ?? null;
}

export function dataResidencyOf(rule: ResidencyRule | null): DataResidency | null {
  return rule ? { region: rule.region.name, how: rule.how } : null;
}
