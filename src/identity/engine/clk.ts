import { createHmac } from "node:crypto";
import { type KeyedSha256, keyedSha256 } from "../../shared/keyed-sha256.ts";
import { dateDigits } from "./dates.ts";
import type { Person } from "./person.ts";

/**
 * Cryptographic long-term keys (CLKs): each field's features (letter pairs, date parts) are hashed with
 * a keyed HMAC into one 1024-bit Bloom filter. Without the key nobody can test a guessed name against an
 * encoding; with it, similar records still share most bits, so Dice similarity stands in for comparison.
 */
export const CLK_BITS = 1024;

/** How many hash insertions a field may make in total: its share of the filter, whatever its length. */
export interface FieldBudget {
  feature: string;
  budget: number;
  features: (p: Person) => string[];
}

/** Letter pairs of a text with padding, so first and last letters count too ("ana" → _a an na a_). */
export function bigrams(text: string): string[] {
  if (text === "") return [];
  const padded = `_${text}_`;
  const out: string[] = [];
  for (let i = 0; i < padded.length - 1; i++) out.push(padded.slice(i, i + 2));
  return out;
}

/** Date features: year, month, day and the unordered day–month pair, so a swapped day and month still agree. */
export function dateFeatures(p: Person): string[] {
  const d = p.dob;
  if (!d) return [];
  const out = [`y${d.year}`, `y${Math.floor(d.year / 10)}x`];
  if (d.month) out.push(`m${d.month}`);
  if (d.day) out.push(`d${d.day}`);
  if (d.month && d.day)
    out.push(`md${Math.min(d.month, d.day)}-${Math.max(d.month, d.day)}`, `f${dateDigits(d)}`);
  return out;
}

/**
 * Default bit budgets. Given names and surnames share one key space ("name"), so a record whose
 * given name and surname were swapped still shares its bits.
 */
export const DEFAULT_BUDGETS: readonly FieldBudget[] = [
  { feature: "name", budget: 150, features: (p) => p.given.flatMap(bigrams) },
  { feature: "name", budget: 150, features: (p) => p.surnames.flatMap(bigrams) },
  { feature: "dob", budget: 110, features: dateFeatures },
  { feature: "sex", budget: 10, features: (p) => (p.sex ? [p.sex] : []) },
  { feature: "document", budget: 100, features: (p) => bigrams(p.document) },
  { feature: "phone", budget: 80, features: (p) => bigrams(p.phone) },
  { feature: "email", budget: 80, features: (p) => bigrams(p.email) },
  { feature: "address", budget: 100, features: (p) => bigrams(p.address) },
  { feature: "city", budget: 60, features: (p) => bigrams(p.city) },
  { feature: "postcode", budget: 60, features: (p) => bigrams(p.postcode) },
  { feature: "region", budget: 20, features: (p) => (p.region ? [p.region] : []) },
  { feature: "birth_place", budget: 50, features: (p) => bigrams(p.birthPlace) },
  { feature: "nationality", budget: 20, features: (p) => (p.nationality ? [p.nationality] : []) },
];

/** Derives one key per feature space from the shared secret, so spaces never collide by design. */
export function fieldKeys(secret: Uint8Array, budgets: readonly FieldBudget[] = DEFAULT_BUDGETS) {
  const keys = new Map<string, Buffer>();
  for (const b of budgets) {
    if (!keys.has(b.feature))
      keys.set(b.feature, createHmac("sha256", secret).update(`clk:${b.feature}`).digest());
  }
  return keys;
}

/** Encodes a normalised person as a 1024-bit CLK (128 bytes). */
export function encodeClk(
  person: Person,
  keys: Map<string, Buffer>,
  budgets: readonly FieldBudget[] = DEFAULT_BUDGETS,
): Uint8Array {
  const filter = new Uint8Array(CLK_BITS / 8);
  for (const field of budgets) {
    const features = field.features(person);
    if (features.length === 0) continue;
    const k = Math.max(1, Math.round(field.budget / features.length));
    const hasher = hasherFor(keys.get(field.feature)!);
    for (const feature of features) setBits(filter, hasher, feature, k);
  }
  return filter;
}

/**
 * A feature space's keyed hash with its results remembered: features repeat across people (a letter pair, a
 * birth year, a date), so a registry of millions hashes each once. At most `MAX_REMEMBERED` per key are kept,
 * which covers every letter pair and every date of birth in a century.
 */
interface FeatureHasher {
  hash: KeyedSha256;
  remembered: Map<string, [number, number]>;
}

const MAX_REMEMBERED = 100_000;
const hashers = new WeakMap<Buffer, FeatureHasher>();

/** The hasher of a feature space's key, made once per key. */
function hasherFor(key: Buffer): FeatureHasher {
  let hasher = hashers.get(key);
  if (!hasher) {
    hasher = { hash: keyedSha256(key), remembered: new Map() };
    hashers.set(key, hasher);
  }
  return hasher;
}

/** The first two words of a feature's HMAC under the hasher's key. */
function featureWords(hasher: FeatureHasher, feature: string): [number, number] {
  let words = hasher.remembered.get(feature);
  if (!words) {
    words = hasher.hash.firstWords(feature);
    if (hasher.remembered.size < MAX_REMEMBERED) hasher.remembered.set(feature, words);
  }
  return words;
}

/**
 * Double hashing: one HMAC gives two numbers, and position i is h1 + i·h2 (mod 1024). The positions are stepped
 * in 32-bit integers: 1024 divides 2³², so the low ten bits of each step are the position.
 */
function setBits(filter: Uint8Array, hasher: FeatureHasher, feature: string, k: number): void {
  const words = featureWords(hasher, feature);
  const step = words[1] | 1;
  let bit = words[0] | 0;
  for (let i = 0; i < k; i++) {
    const pos = bit & (CLK_BITS - 1);
    filter[pos >>> 3]! |= 1 << (pos & 7);
    bit = (bit + step) | 0;
  }
}

/** Number of set bits. */
export function popcount(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n += BYTE_BITS[b]!;
  return n;
}

const BYTE_BITS = Uint8Array.from({ length: 256 }, (_, i) => {
  let c = 0;
  for (let v = i; v; v >>= 1) c += v & 1;
  return c;
});

/** Dice similarity of two encodings: 2·|A∧B| / (|A| + |B|), 0 when both are empty. */
export function diceSimilarity(a: Uint8Array, b: Uint8Array): number {
  let shared = 0;
  for (let i = 0; i < a.length; i++) shared += BYTE_BITS[a[i]! & b[i]!]!;
  const total = popcount(a) + popcount(b);
  return total === 0 ? 0 : (2 * shared) / total;
}
