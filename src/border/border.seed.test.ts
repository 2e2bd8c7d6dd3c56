import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { DEMO_COL_RESIDENTS, seedBorderDemo } from "./border.seed.ts";
import { EncounterRecord } from "./border-records.contract.ts";

// The demo puts each shipped pack in force for its nation, so Mexican and Colombian border officers get an
// assessment instead of "no border policy pack is loaded"; Colombia's permit holders are registry people.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedBorderDemo(t.app.platform, t.app.border);
});
afterAll(async () => {
  await t.close();
});

describe("the border demo seed", () => {
  it.each([
    [
      "USA",
      "us-2020-2025",
      { border: "Southwest Land Border", citizenship: "HND", date: "2021-06-01" },
      "title42",
    ],
    [
      "MEX",
      "mx-2019-2023",
      { border: "Frontera norte", citizenship: "HND", date: "2021-06-01" },
      "ley_de_migracion",
    ],
    [
      "COL",
      "co-2021-2023",
      { border: "Cúcuta", citizenship: "VEN", date: "2022-06-01" },
      "migracion_colombia",
    ],
  ])(
    "puts %s's pack %s in force, and its officers' encounters are assessed",
    async (nation, packId, facts, authority) => {
      const scope = systemScope(nation, "test", ["border_officer"]);
      expect((await t.app.border.packInForce(scope))?.packId).toBe(packId);
      const recorded = await t.app.border.recordEncounter(
        scope,
        EncounterRecord.parse({ demographic: "single_adult", ...facts }),
      );
      const { assessment, pack } = await t.app.border.assessEncounter(scope, recorded.id);
      expect(pack).toMatchObject({ jurisdiction: nation, packId, status: "draft" });
      expect(assessment.authority).toBe(authority);
      expect(assessment.dispositions.some((d) => d.eligible)).toBe(true);
    },
  );

  it("is idempotent: a second run loads no pack twice", async () => {
    await seedBorderDemo(t.app.platform, t.app.border);
    for (const nation of ["USA", "MEX", "COL"]) {
      const loaded = await t.app.border.loadPack(
        systemScope(nation, "test"),
        JSON.stringify((await t.app.border.packInForce(systemScope(nation, "test")))?.pack),
      );
      expect(loaded.loaded).toBe(false);
    }
  });

  it("registers Colombia's permit holders once, each with the residence document, after two runs", async () => {
    const col = systemScope("COL", "test");
    for (const r of DEMO_COL_RESIDENTS) {
      const found = await t.app.registry.people.search(col, {
        given: r.givenNames,
        surname: r.familyNames,
        dob: r.birthDate,
      });
      const likely = found.filter((h) => h.score.band === "likely");
      expect(likely.length, r.givenNames).toBe(1);
      const person = await t.app.registry.people.getPerson(col, likely[0]!.row.id);
      expect(person.documents).toMatchObject([
        {
          type: r.document.type,
          issuingCountry: "COL",
          validFrom: r.document.validFrom,
          expiry: r.document.expiry,
        },
      ]);
    }
  });

  it("still answers a nation without a pack with a clear conflict", async () => {
    const scope = systemScope("GTM", "test", ["border_officer"]);
    const recorded = await t.app.border.recordEncounter(
      scope,
      EncounterRecord.parse({ date: "2022-06-01", demographic: "single_adult", citizenship: "HND" }),
    );
    await expect(t.app.border.assessEncounter(scope, recorded.id)).rejects.toThrow(
      "no border policy pack is loaded for GTM",
    );
  });
});
