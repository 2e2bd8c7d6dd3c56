import { describe, expect, it } from "vitest";
import { bigrams, CLK_BITS, dateFeatures, diceSimilarity, encodeClk, fieldKeys, popcount } from "./clk.ts";
import { linkEncodings } from "./encoded-link.ts";
import { normalisePerson, type RawPerson } from "./person.ts";

const keys = fieldKeys(new TextEncoder().encode("a-shared-regional-secret"));
const clk = (fields: Omit<RawPerson, "id">, k = keys) =>
  encodeClk(normalisePerson({ id: "x", ...fields }), k);
const ana = {
  given_name: "Ana María",
  surname: "Díaz Pérez",
  date_of_birth: "1990-05-04",
  document_number: "A1234567",
};

describe("encodeClk", () => {
  it("makes 1024-bit filters, the same for the same record and key", () => {
    const a = clk(ana);
    expect(a.length * 8).toBe(CLK_BITS);
    expect(clk(ana)).toEqual(a);
    expect(popcount(a)).toBeGreaterThan(200);
    expect(popcount(a)).toBeLessThan(800);
  });

  it("keeps similar records similar and different people apart", () => {
    const same = diceSimilarity(clk(ana), clk({ ...ana, surname: "Diaz", date_of_birth: "1990-04-05" }));
    const other = diceSimilarity(
      clk(ana),
      clk({ given_name: "Jean", surname: "Joseph", date_of_birth: "1971-01-30" }),
    );
    expect(same).toBeGreaterThan(0.75);
    expect(other).toBeLessThan(0.6);
  });

  it("depends on the key: another key gives unrelated bits", () => {
    const otherKeys = fieldKeys(new TextEncoder().encode("another-nation-secret"));
    expect(diceSimilarity(clk(ana), clk(ana, otherKeys))).toBeLessThan(0.7);
  });

  it.each([
    ["ana", ["_a", "an", "na", "a_"]],
    ["", []],
  ])("bigrams(%s)", (text, expected) => expect(bigrams(text)).toEqual(expected));

  it("encodes the day-month pair without order, so a swapped date keeps it", () => {
    const a = dateFeatures(normalisePerson({ id: "1", date_of_birth: "1990-05-04" }));
    const b = dateFeatures(normalisePerson({ id: "2", date_of_birth: "1990-04-05" }));
    expect(a).toContain("md4-5");
    expect(b).toContain("md4-5");
  });
});

describe("linkEncodings (Dice in WebAssembly)", () => {
  it("agrees with the JavaScript Dice and links one-to-one", () => {
    const left = [ana, { given_name: "Jean", surname: "Joseph", date_of_birth: "1971-01-30" }].map(
      (f, i) => ({
        id: `L${i}`,
        clk: clk(f),
      }),
    );
    const right = [
      { id: "R0", clk: clk({ given_name: "Jean", surname: "Jozèf", date_of_birth: "1971-01-30" }) },
      { id: "R1", clk: clk({ ...ana, given_name: "Ma. Ana" }) },
    ];
    const rows = linkEncodings(left, right, { likely: 0.7, possible: 0.3 });
    const likely = rows.filter((r) => r.band === "likely").map((r) => `${r.leftId}-${r.rightId}`);
    expect(likely.sort()).toEqual(["L0-R1", "L1-R0"]);
    for (const r of rows) {
      const l = left.find((x) => x.id === r.leftId)!;
      const rr = right.find((x) => x.id === r.rightId)!;
      expect(r.score).toBeCloseTo(diceSimilarity(l.clk, rr.clk), 6);
    }
  });
});
