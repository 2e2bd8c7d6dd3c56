/**
 * The project's one seeded source of pseudo-random numbers (mulberry32): the same seed gives the same
 * sequence on every machine, so generated test data, demo data and sampled estimates are reproducible.
 * Pure: no clock, no `node:crypto`; never use it for secrets.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n). */
export function randomBelow(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** A whole number in [min, max], both included. */
export function randomBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
