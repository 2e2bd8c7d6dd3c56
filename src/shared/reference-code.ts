// Human reference codes for rows whose id is a random UUID: a registry case reads `C-7KQ2-M9XD`, a border
// encounter `E-7KQ2-M9XD`. The code is derived from the id, never stored:
// - no write cost: people and encounters are bulk-imported at thousands of rows a second, and a stored
//   column or a sequence would be one more write (and a point of contention) per row;
// - stable: the id never changes, so neither does its code, in every copy of the data and every export;
// - unique enough: the code carries the id's first 40 bits. Among a nation's million cases, the expected number
//   of pairs sharing a code is n²/2⁴¹ = 10¹²/2.2·10¹² ≈ 0.45 (a birthday bound: some pair exists about one time
//   in three), while a given case shares its code with another about one time in a million (10⁶/2⁴⁰). Search
//   and the detail page show every match, so a rare collision only lists two rows where one was expected.
// A code (or its first characters) names a range of ids: a k-character prefix fixes 5k bits, the rest run
// from all zeros to all ones. The database finds the rows with `id between lo and hi`, which its primary key
// answers without a scan.
// The alphabet is the applications' tracking-code alphabet: no 0, 1, O or I, so nothing reads as another.

export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** What carries a reference, and the letter its code starts with. */
export const REFERENCE_PREFIXES = { case: "C", encounter: "E" } as const;
export type ReferenceKind = keyof typeof REFERENCE_PREFIXES;

/** Characters of a whole code (after the kind letter); each carries 5 bits, 40 in all. */
export const REFERENCE_LENGTH = 8;
/** The fewest characters a search by code takes (a prefix shorter than this matches too much). */
export const REFERENCE_SEARCH_MIN = 4;

const ID_BITS = 128n;
const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const kindOfPrefix = (letter: string): ReferenceKind | null =>
  (Object.keys(REFERENCE_PREFIXES) as ReferenceKind[]).find((k) => REFERENCE_PREFIXES[k] === letter) ?? null;

/** The reference of a row: its kind's letter and the id's first 40 bits in the alphabet, `C-XXXX-XXXX`. */
export function referenceOf(kind: ReferenceKind, uuid: string): string {
  const id = uuid.toLowerCase();
  if (!HEX_UUID.test(id)) throw new Error("referenceOf: expected a UUID");
  let bits = BigInt(`0x${id.replaceAll("-", "").slice(0, 10)}`);
  let code = "";
  for (let i = 0; i < REFERENCE_LENGTH; i++) {
    code = REFERENCE_ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `${REFERENCE_PREFIXES[kind]}-${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The ids a search matches: every UUID from `lo` to `hi`, both included, and the kind it named if any. */
export interface IdRange {
  kind: ReferenceKind | null;
  lo: string;
  hi: string;
}

/** What a search text reads as: its id ranges (one per way to read it), or why it cannot be read. */
export type ReferenceReading = { ok: true; ranges: IdRange[] } | { ok: false; problem: string };

const asUuid = (value: bigint): string => {
  const hex = value.toString(16).padStart(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The range of ids whose first `bits` bits are `value`. */
function rangeOf(kind: ReferenceKind | null, value: bigint, bits: bigint): IdRange {
  const rest = ID_BITS - bits;
  const lo = value << rest;
  return { kind, lo: asUuid(lo), hi: asUuid(lo | ((1n << rest) - 1n)) };
}

const UUID_SHAPE = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

/** The hex digits of a UUID's first characters (at least 4 digits, hyphens where a UUID has them or nowhere). */
function hexPrefixOf(text: string): string | null {
  const digits = text.replaceAll("-", "");
  if (!/^[0-9a-f]{4,32}$/.test(digits)) return null;
  if (digits === text) return digits;
  const shaped =
    text.length <= UUID_SHAPE.length && [...text].every((ch, i) => (ch === "-") === (UUID_SHAPE[i] === "-"));
  return shaped ? digits : null;
}

/** The range a code's first characters name (`code` is already checked against the alphabet). */
function codeRange(kind: ReferenceKind | null, code: string): IdRange {
  let value = 0n;
  for (const ch of code) value = (value << 5n) | BigInt(REFERENCE_ALPHABET.indexOf(ch));
  return rangeOf(kind, value, BigInt(code.length * 5));
}

const isCode = (s: string) =>
  s.length >= REFERENCE_SEARCH_MIN &&
  s.length <= REFERENCE_LENGTH &&
  [...s].every((ch) => REFERENCE_ALPHABET.includes(ch));

/**
 * Reads a whole reference or its first characters, with or without the kind letter and hyphens, in any case:
 * `C-7KQ2-M9XD`, `c7kq2m9xd`, `7KQ2`. A leading kind letter without its hyphen may also be the code's first
 * character (`C7KQ` is `C-7KQ…` or `…-C7KQ…`): both readings are answered. A UUID, whole or its first hex
 * digits (at least 4), is still read as one, so `2345ab` matches both a code and an id that start so.
 */
export function idRangeOfReference(text: string): ReferenceReading {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "a reference is needed" };
  const upper = trimmed.toUpperCase();
  const ranges: IdRange[] = [];
  const hex = hexPrefixOf(trimmed.toLowerCase());
  if (hex !== null) ranges.push(rangeOf(null, BigInt(`0x${hex}`), BigInt(hex.length * 4)));
  const explicit = /^([A-Z])-(.*)$/.exec(upper);
  if (explicit) {
    const kind = kindOfPrefix(explicit[1] ?? "");
    const code = (explicit[2] ?? "").replaceAll("-", "");
    if (kind === null)
      return ranges.length > 0
        ? { ok: true, ranges }
        : { ok: false, problem: `a reference starts with ${Object.values(REFERENCE_PREFIXES).join(" or ")}` };
    const bad = [...code].find((ch) => !REFERENCE_ALPHABET.includes(ch));
    if (bad !== undefined) return badCharacter(bad, ranges);
    if (!isCode(code)) return tooShortOrLong(ranges);
    return { ok: true, ranges: [...ranges, codeRange(kind, code)] };
  }
  const plain = upper.replaceAll("-", "");
  const bad = [...plain].find((ch) => !REFERENCE_ALPHABET.includes(ch));
  if (bad !== undefined) return badCharacter(bad, ranges);
  if (isCode(plain)) ranges.push(codeRange(null, plain));
  const kind = kindOfPrefix(plain.slice(0, 1));
  if (kind !== null && isCode(plain.slice(1))) ranges.push(codeRange(kind, plain.slice(1)));
  return ranges.length > 0 ? { ok: true, ranges } : tooShortOrLong(ranges);
}

function badCharacter(ch: string, ranges: IdRange[]): ReferenceReading {
  if (ranges.length > 0) return { ok: true, ranges };
  const shown = /^[\p{L}\p{N}]$/u.test(ch) ? `"${ch}"` : "a symbol";
  return {
    ok: false,
    problem: `${shown} is not used in references, which use only ${REFERENCE_ALPHABET} (no 0, 1, O or I)`,
  };
}

function tooShortOrLong(ranges: IdRange[]): ReferenceReading {
  if (ranges.length > 0) return { ok: true, ranges };
  return {
    ok: false,
    problem: `a reference has ${REFERENCE_LENGTH} characters after its letter; search with at least ${REFERENCE_SEARCH_MIN} of them`,
  };
}

/**
 * The id ranges a worklist searches for `text`, keeping the readings that fit its kind (a code without its
 * letter fits any kind). The problem names why nothing fits: unreadable, or another kind's reference.
 */
export function idRangesFor(kind: ReferenceKind, text: string): ReferenceReading {
  const reading = idRangeOfReference(text);
  if (!reading.ok) return reading;
  const ranges = reading.ranges.filter((r) => r.kind === null || r.kind === kind);
  if (ranges.length > 0) return { ok: true, ranges };
  return {
    ok: false,
    problem: `that is not a ${kind}'s reference; a ${kind}'s reference starts with ${REFERENCE_PREFIXES[kind]}-`,
  };
}
