import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type IdRange,
  idRangeOfReference,
  idRangesFor,
  REFERENCE_ALPHABET,
  referenceOf,
} from "./reference-code.ts";

const inRange = (id: string, r: IdRange) => r.lo <= id && id <= r.hi;
const ranges = (text: string) => {
  const reading = idRangeOfReference(text);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.ranges;
};

describe("referenceOf", () => {
  it("writes the id's first 40 bits in the alphabet, with the kind's letter", () => {
    expect(referenceOf("case", "00000000-ff00-4000-8000-000000000000")).toBe("C-2222-229Z");
    expect(referenceOf("encounter", "ffffffff-ff00-4000-8000-000000000000")).toBe("E-ZZZZ-ZZZZ");
    expect(referenceOf("case", "FFFFFFFF-FF00-4000-8000-000000000000")).toBe("C-ZZZZ-ZZZZ");
    expect(referenceOf("case", randomUUID())).toMatch(/^C-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });

  it("is the same for the same id and differs with the id's first 40 bits", () => {
    const id = "0123abcd-ef01-4000-8000-000000000000";
    expect(referenceOf("case", id)).toBe(referenceOf("case", id));
    expect(referenceOf("case", "0123abcd-ee01-4000-8000-000000000000")).not.toBe(referenceOf("case", id));
    // Bits after the 40th do not change it.
    expect(referenceOf("case", "0123abcd-efff-4fff-bfff-ffffffffffff")).toBe(referenceOf("case", id));
  });

  it("refuses what is not a UUID", () => {
    expect(() => referenceOf("case", "not-a-uuid")).toThrow();
  });
});

describe("idRangeOfReference", () => {
  it("finds the id again from its whole reference, in every writing", () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      const ref = referenceOf("case", id);
      for (const text of [ref, ref.toLowerCase(), ref.replaceAll("-", ""), ref.slice(2), ` ${ref} `]) {
        const found = ranges(text).filter((r) => inRange(id, r));
        expect(found.length, text).toBeGreaterThan(0);
      }
      const [explicit] = ranges(ref).filter((r) => r.kind === "case");
      expect(explicit && inRange(id, explicit)).toBe(true);
    }
  });

  it("reads a prefix of every length from 4 to 8 characters as the range of 5k fixed bits", () => {
    const id = "7f3a9c12-5b00-4000-8000-000000000000";
    const code = referenceOf("encounter", id).slice(2).replaceAll("-", "");
    for (let k = 4; k <= 8; k++) {
      const [r] = ranges(`E-${code.slice(0, k)}`).filter((x) => x.kind === "encounter");
      expect(r, String(k)).toBeDefined();
      if (!r) continue;
      expect(inRange(id, r)).toBe(true);
      // 5k bits fixed: the range holds 2^(128-5k) ids.
      const size = BigInt(`0x${r.hi.replaceAll("-", "")}`) - BigInt(`0x${r.lo.replaceAll("-", "")}`) + 1n;
      expect(size).toBe(1n << BigInt(128 - 5 * k));
    }
  });

  it("gives the lowest and highest ids of a prefix", () => {
    expect(ranges("C-2222").find((r) => r.kind === "case")).toEqual({
      kind: "case",
      lo: "00000000-0000-0000-0000-000000000000",
      hi: "00000fff-ffff-ffff-ffff-ffffffffffff",
    });
    expect(ranges("C-ZZZZ-ZZZZ").find((r) => r.kind === "case")).toEqual({
      kind: "case",
      lo: "ffffffff-ff00-0000-0000-000000000000",
      hi: "ffffffff-ffff-ffff-ffff-ffffffffffff",
    });
  });

  it("reads a leading kind letter without its hyphen both ways", () => {
    const read = ranges("C7KQ2");
    expect(read.map((r) => r.kind).sort()).toEqual(["case", null]);
  });

  it("still reads a UUID's first hex digits, and a whole UUID", () => {
    const id = randomUUID();
    expect(ranges(id.slice(0, 6)).some((r) => inRange(id, r))).toBe(true);
    expect(ranges(id.slice(0, 13)).some((r) => inRange(id, r))).toBe(true);
    expect(ranges(id).some((r) => r.lo === id && r.hi === id)).toBe(true);
    expect(ranges(id.toUpperCase()).some((r) => r.lo === id)).toBe(true);
  });

  it("refuses characters outside the alphabet, naming them", () => {
    for (const ch of ["0", "1", "O", "I"]) {
      expect(REFERENCE_ALPHABET.includes(ch)).toBe(false);
      const reading = idRangeOfReference(`C-7KQ${ch}`);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.problem).toContain(`"${ch}"`);
    }
    const symbol = idRangeOfReference("C-7K\u0000Q");
    expect(symbol.ok).toBe(false);
    if (!symbol.ok) expect(symbol.problem).toContain("a symbol");
    expect(idRangeOfReference("C-7K😀Q").ok).toBe(false);
    expect(idRangeOfReference("X-7KQ2").ok).toBe(false);
  });

  it("refuses too short and too long codes", () => {
    expect(idRangeOfReference("C-7KQ").ok).toBe(false);
    expect(idRangeOfReference("7KQ").ok).toBe(false);
    expect(idRangeOfReference("C-7KQ2-M9XD2").ok).toBe(false);
    expect(idRangeOfReference("").ok).toBe(false);
    expect(idRangeOfReference("Z".repeat(10_000)).ok).toBe(false);
  });
});

describe("idRangesFor", () => {
  it("keeps the readings of the worklist's kind and those without a letter", () => {
    const read = idRangesFor("case", "C-7KQ2");
    expect(read.ok && read.ranges.map((r) => r.kind)).toEqual(["case"]);
    const plain = idRangesFor("encounter", "7KQ2");
    expect(plain.ok && plain.ranges.map((r) => r.kind)).toEqual([null]);
  });

  it("refuses another kind's reference, saying which letter fits", () => {
    const read = idRangesFor("case", "E-7KQ2-M9XD");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toContain("C-");
  });
});
