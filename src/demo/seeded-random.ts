/** A small deterministic PRNG (mulberry32): the same seed gives the same demo and scale data. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** An integer in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A count with a given mean: a customer has 0..n of something, most have few (geometric-like). */
export function countAround(random: Random, mean: number): number {
  let count = 0;
  const p = 1 / (1 + mean);
  while (random() > p && count < mean * 10) count += 1;
  return count;
}
