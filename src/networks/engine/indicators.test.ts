import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { analyseLinkGraph } from "./analyze.ts";
import {
  type CommunityFeatures,
  evaluateIndicators,
  mergeIndicatorPacks,
  parseIndicatorPack,
} from "./indicators.ts";
import { buildLinkGraph } from "./link-graph.ts";
import type { Link } from "./links-csv.ts";

const readPack = (name: string) =>
  parseIndicatorPack(
    JSON.parse(readFileSync(new URL(`../../../packs/networks/${name}`, import.meta.url), "utf8")),
  );
const pack = readPack("smuggling-indicators.json");
const trafficking = readPack("trafficking-indicators.json");

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

describe("smuggling-logistics indicators", () => {
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

describe("trafficking (exploitation) indicators", () => {
  const both = mergeIndicatorPacks([pack, trafficking]);

  it("keep the two packs apart by category, every indicator cited", () => {
    expect(pack.category).toBe("smuggling_logistics");
    expect(trafficking.category).toBe("trafficking_exploitation");
    for (const indicator of [...pack.indicators, ...trafficking.indicators]) {
      expect(indicator.sources?.length, indicator.id).toBeGreaterThan(0);
      expect(indicator.weight).toBeLessThan(trafficking.threshold);
    }
    const ids = trafficking.indicators.map((i) => i.id);
    for (const id of [
      "debt-bondage",
      "documents-confiscated",
      "controlled-movement",
      "deceptive-recruitment",
    ]) {
      expect(ids).toContain(id);
    }
    expect(JSON.stringify(trafficking.indicators.map((i) => i.sources))).toMatch(
      /ILO Indicators of Forced Labour/,
    );
    expect(JSON.stringify(trafficking.indicators.map((i) => i.sources))).toMatch(/Polaris/);
    expect(JSON.stringify(trafficking.indicators.map((i) => i.sources))).toMatch(/UNODC/);
  });

  it("counts links recorded with the listed kinds; two exploitation indicators flag, one does not", () => {
    const one = evaluateIndicators(both, quiet, new Map([["holds_documents_of", 2]]));
    expect(one.hits.map((h) => h.id)).toEqual(["documents-confiscated"]);
    expect(one.hits[0]?.value).toBe(2);
    expect(one.flagged).toBe(false);
    const two = evaluateIndicators(
      both,
      quiet,
      new Map([
        ["holds_documents_of", 1],
        ["owes_debt_to", 3],
      ]),
    );
    expect(two.hits.map((h) => h.id)).toEqual(["debt-bondage", "documents-confiscated"]);
    expect(two.flagged).toBe(true);
  });

  it("finds them in a link graph through the analysis", () => {
    const link = (s: string, t: string, kind: string, caseId: string): Link => {
      const [sourceType, sourceId] = s.split(":") as [string, string];
      const [targetType, targetId] = t.split(":") as [string, string];
      return { sourceType, sourceId, targetType, targetId, kind, caseId };
    };
    const links: Link[] = [];
    for (const worker of ["w1", "w2", "w3", "w4"]) {
      links.push(link(`person:${worker}`, "person:boss", "holds_documents_of", `C-${worker}`));
      links.push(link(`person:${worker}`, "person:boss", "owes_debt_to", `C-${worker}`));
      links.push(link(`person:${worker}`, "address:farm", "lives_at", `C-${worker}`));
    }
    const report = analyseLinkGraph(buildLinkGraph(links), {
      pack: both,
      minCommunitySize: 3,
      random: seededRandom(7),
    });
    const hits = report.communities.flatMap((c) => c.indicators.map((i) => i.id));
    expect(hits).toEqual(expect.arrayContaining(["debt-bondage", "documents-confiscated"]));
    const debt = report.communities.flatMap((c) => c.indicators).find((i) => i.id === "debt-bondage");
    expect(debt?.category).toBe("trafficking_exploitation");
    expect(report.communities.some((c) => c.flagged)).toBe(true);
  });

  it("refuses packs that disagree on the threshold or repeat an id", () => {
    expect(() => mergeIndicatorPacks([pack, { ...trafficking, threshold: 0.6 }])).toThrow(
      /thresholds differ/,
    );
    expect(() => mergeIndicatorPacks([pack, pack])).toThrow(/appears twice/);
  });
});
