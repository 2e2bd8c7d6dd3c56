import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadShippedPack, SHIPPED_PACKS, type ShippedJurisdiction } from "../shipped-packs.test-support.ts";
import { packSourcesTable } from "./pack-sources-table.ts";

// docs/border-policy-packs.md lists every source of every shipped pack with its verification status.

const page = readFileSync(new URL("../../../docs/border-policy-packs.md", import.meta.url), "utf8");

describe("the source list in docs/border-policy-packs.md", () => {
  it.each(Object.keys(SHIPPED_PACKS) as ShippedJurisdiction[])("is current for the %s pack", (nation) => {
    expect(page).toContain(packSourcesTable(loadShippedPack(nation)));
  });

  it("marks a source verified only with the copy it was checked against", () => {
    const pack = loadShippedPack("USA");
    const table = packSourcesTable(pack);
    const verified = pack.sources.filter((s) => s.verification === "verified");
    expect(verified.length).toBeGreaterThan(0);
    for (const s of verified) expect(table).toContain(`| verified | ${s.checkedAgainst?.slice(0, 40)}`);
  });
});
