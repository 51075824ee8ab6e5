/** Adds an ISO-8601 duration (as validated by config.schema) to a date, calendar-aware for years and months. */
export function addDuration(from: Date, duration: string): Date {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) throw new Error(`Not an ISO-8601 duration: ${duration}`);
  const [, y, mo, w, d, h, mi, s] = m.map((part) => (part === undefined ? 0 : Number(part))) as number[];
  const result = new Date(from.getTime());
  if (y || mo) {
    // Regulation 1182/71: same day number in the target month, or its last day when that day does not exist.
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + (mo ?? 0) + (y ?? 0) * 12);
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const ms = ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (mi ?? 0)) * 60_000 + (s ?? 0) * 1000;
  return new Date(result.getTime() + ms);
}

export function durationMs(duration: string, from = new Date(0)): number {
  return addDuration(from, duration).getTime() - from.getTime();
}
