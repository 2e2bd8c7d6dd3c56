import { describe, expect, it } from "vitest";
import { editDistance, jaro, jaroWinkler, withinOneEdit } from "./similarity.ts";

describe("jaroWinkler", () => {
  it.each([
    ["martha", "marhta", 0.961],
    ["dwayne", "duane", 0.84],
    ["dixon", "dicksonx", 0.813],
    ["jose", "jose", 1],
    ["abc", "xyz", 0],
    ["", "ana", 0],
  ])("%s / %s ≈ %d", (a, b, expected) => expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3));

  it("is symmetric and never below Jaro", () => {
    for (const [a, b] of [
      ["hernandez", "fernandez"],
      ["guadalupe", "guadalpue"],
    ] as const) {
      expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 10);
      expect(jaroWinkler(a, b)).toBeGreaterThanOrEqual(jaro(a, b));
    }
  });
});

describe("editDistance and withinOneEdit", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["12345678", "12354678", 1],
    ["garcia", "garcia", 0],
    ["", "abc", 3],
    ["perez", "peres", 1],
    ["rodriguez", "rodrigues", 1],
    ["lopez", "lopes garcia", 8],
  ])("%s → %s costs %d", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(withinOneEdit(a, b)).toBe(expected <= 1);
  });

  it.each([
    ["12345", "1245"],
    ["1245", "12345"],
    ["12345", "21345"],
    ["12345", "12346"],
    ["12345", "12354"],
    ["ab", "ba"],
    ["a", ""],
    ["abcd", "abd"],
  ])("%s and %s are one edit apart", (a, b) => expect(withinOneEdit(a, b)).toBe(true));

  it.each([
    ["abc", "cab"],
    ["abcde", "abxyz"],
    ["12345", "13254"],
    ["abcd", "ab"],
    ["ab", "ba "],
  ])("%s and %s are more than one edit apart", (a, b) => expect(withinOneEdit(a, b)).toBe(false));
});
