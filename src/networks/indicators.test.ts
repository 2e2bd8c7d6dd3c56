import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CommunityFeatures, evaluateIndicators, parseIndicatorPack } from "./indicators.ts";

const pack = parseIndicatorPack(
  JSON.parse(
    readFileSync(new URL("../../packs/networks/trafficking-indicators.json", import.meta.url), "utf8"),
  ),
);

const quiet: CommunityFeatures = {
  members: 6,
  persons: 4,
  aliases: 0,
  cases: 1,
  maxCasesPerPhone: 1,
  maxCasesPerAccount: 0,
  maxCasesPerVehicle: 0,
  maxCasesPerHandle: 0,
  maxCasesPerLodging: 1,
  crossCaseIdentifiers: 0,
  groupMovement: 1,
};

describe("trafficking indicators", () => {
  it.each([
    { name: "a family sharing a phone and a home", features: {}, hits: [], flagged: false },
    {
      name: "a popular money agent alone",
      features: { maxCasesPerAccount: 40, cases: 40, crossCaseIdentifiers: 1 },
      hits: ["shared-account", "many-cases"],
      flagged: false,
    },
    {
      name: "a shelter alone",
      features: { maxCasesPerLodging: 30, cases: 30, crossCaseIdentifiers: 1 },
      hits: ["shared-lodging", "many-cases"],
      flagged: false,
    },
    {
      name: "one phone across cases, nothing else",
      features: { maxCasesPerPhone: 9 },
      hits: ["shared-phone"],
      flagged: false,
    },
    {
      name: "a phone, an account and a house across the same cases",
      features: {
        maxCasesPerPhone: 9,
        maxCasesPerAccount: 7,
        maxCasesPerLodging: 5,
        crossCaseIdentifiers: 3,
        cases: 9,
      },
      hits: ["shared-phone", "shared-account", "shared-lodging", "identifiers-across-cases", "many-cases"],
      flagged: true,
    },
    {
      name: "aliases and group movement",
      features: { aliases: 2, groupMovement: 6, maxCasesPerVehicle: 4 },
      hits: ["aliases", "shared-vehicle", "group-movement"],
      flagged: false,
    },
  ])("$name", ({ features, hits, flagged }) => {
    const result = evaluateIndicators(pack, { ...quiet, ...features });
    expect(result.hits.map((h) => h.id)).toEqual(hits);
    expect(result.flagged).toBe(flagged);
    expect(result.score).toBeCloseTo(
      Math.min(
        1,
        result.hits.reduce((s, h) => s + h.weight, 0),
      ),
      6,
    );
  });

  it("explains every indicator, and none is conclusive alone", () => {
    for (const indicator of pack.indicators) {
      expect(indicator.explanation.length).toBeGreaterThan(40);
      expect(indicator.weight).toBeLessThan(pack.threshold);
    }
  });

  it.each([
    { change: { weight: 0.6 }, message: "no single indicator" },
    { change: { feature: "shoeSize" }, message: "feature" },
    { change: { explanation: "" }, message: "explanation" },
  ])("rejects a pack where $message is wrong", ({ change, message }) => {
    const bad = { ...pack, indicators: [{ ...pack.indicators[0], ...change }] };
    expect(() => parseIndicatorPack(bad)).toThrow(message);
  });
});
