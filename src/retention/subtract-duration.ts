/**
 * Subtracts an ISO-8601 duration (as validated by config.schema) from a date: the mirror of
 * addDuration. Years and months are calendar months (31 March minus P1M is 28/29 February, the
 * last day when the same day number does not exist); weeks, days and time are exact.
 */
export function subtractDuration(from: Date, duration: string): Date {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) throw new Error(`Not an ISO-8601 duration: ${duration}`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number, number];
  const ms = (((w * 7 + d) * 24 + h) * 60 + mi) * 60_000 + s * 1000;
  const result = new Date(from.getTime() - ms);
  if (y || mo) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() - mo - y * 12);
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  return result;
}
