import type { Translate } from '../i18n/i18n.js';

const units = [
  ['Y', 'careers.period.year', 'careers.period.years'],
  ['M', 'careers.period.month', 'careers.period.months'],
  ['W', 'careers.period.week', 'careers.period.weeks'],
  ['D', 'careers.period.day', 'careers.period.days'],
] as const;

/** The configured applicants period in words ("1 year", "6 months"); unusual durations fall back to ISO-8601. */
export function retentionText(tr: Translate, isoPeriod: string): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(isoPeriod);
  if (!match || isoPeriod === 'P') return isoPeriod;
  const parts = units.flatMap(([, one, many], i) => {
    const n = Number(match[i + 1] ?? 0);
    return n > 0 ? [tr(n === 1 ? one : many, { n })] : [];
  });
  return parts.length > 0 ? parts.join(' ') : isoPeriod;
}
