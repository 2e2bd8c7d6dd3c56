import fc from "fast-check";

// Values a hostile caller sends where the schema expects something ordinary. Each class here once broke a
// route somewhere (a 500, a broken audit chain, a stored value unlike the hashed one); the sweep offers them
// in every position of every route.

/** One megabyte of text: beyond every body limit and every bounded field. */
export const ONE_MEGABYTE = "x".repeat(1024 * 1024);

/** Text that must be refused (not Unicode, or NUL and other controls) or that must pass through untouched. */
export const hostileStrings: readonly string[] = [
  "a\u0000b",
  "\u0000",
  "\ud800",
  "x\udfffy",
  "\udc00\ud800",
  "\u0007bell",
  "\u001b[2J",
  "\u202eevil\u202c",
  "\u200b",
  "\u200d\u200c\ufeff",
  "\ufffd",
  "\u{1F600}\u{1D4B3}",
  "",
  " ",
  "   padded   ",
  "0000-00-00",
  "2031-02-30",
  "2024-13-01",
  "9999-12-31",
  "0001-01-01",
  "-000001-01-01",
  "2024-02-29T25:61:00Z",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "MEX-01",
  "NOPE-99",
  "USA",
  "REG",
  "../../etc/passwd",
  "' OR '1'='1' --",
  "%00",
  "%ZZ",
  "<script>alert(1)</script>",
  '=HYPERLINK("http://x")',
  "__proto__",
  "constructor",
  "NaN",
  "1e309",
  "-1",
  "a".repeat(257),
  "é".repeat(5000),
];

/** Numbers outside every column and every sensible range. */
export const hostileNumbers: readonly number[] = [
  2147483648,
  -2147483649,
  -1,
  0,
  -0,
  0.5,
  -0.000001,
  1e12,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  5e-324,
];

/** A value of the wrong shape, whatever the schema asked for. */
export const wrongShapes: readonly unknown[] = [null, true, [], {}, [[[]]], "1", 1, { __proto__: { x: 1 } }];

/** A JSON text nested `depth` levels deep, built as text (serialising it would exhaust the stack first). */
export function deeplyNested(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(depth)}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** Whole bodies no route expects: deep nesting, a megabyte, text that is not JSON. */
export const hostileRawBodies: readonly string[] = [
  deeplyNested(64, "object"),
  deeplyNested(5_000, "array"),
  deeplyNested(100_000, "array"),
  deeplyNested(20_000, "object"),
  JSON.stringify({ blob: ONE_MEGABYTE }),
  "{",
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '{"\\ud800":1,"\\u0000":2}',
  '{"a":1,"a":2}',
  "null",
  "[]",
  "",
  "\u0000",
];

/** One leaf of any type from the hostile catalogue (another nation's ids among them; a megabyte, rarely). */
export function hostileLeaf(foreignIds: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
    { weight: 3, arbitrary: fc.constantFrom(...hostileNumbers) },
    { weight: 2, arbitrary: fc.constantFrom(...wrongShapes) },
    { weight: 3, arbitrary: foreignIds.length ? fc.constantFrom(...foreignIds) : fc.uuid() },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constant(ONE_MEGABYTE) },
  );
}

/**
 * Encodes a path segment or query value as a hostile client would: a lone surrogate, which
 * `encodeURIComponent` refuses, becomes the bytes a careless encoder sends (CESU-8, not UTF-8).
 */
export function encodeLoosely(value: string): string {
  // Raw escapes go out as they are: the server must read "%ZZ" as malformed and "%00" as a NUL.
  if (value === "%ZZ" || value === "%00") return value;
  let out = "";
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}
