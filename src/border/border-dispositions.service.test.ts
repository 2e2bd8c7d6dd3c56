import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { DispositionCode } from "./border.contract.ts";
import { usPackText } from "./border.test-support.ts";
import { EncounterRecord } from "./border-records.contract.ts";

// Decisions on the Title 8 procedures and on expulsion to the person's own country, and the facts the law
// turns on since 2023 (entry, appointment), stored and read back through the database.

let t: TestApp;
const officer = systemScope("USA", "test", ["border_officer"]);
beforeAll(async () => {
  t = await startTestApp();
  await t.app.border.loadPack(systemScope("USA", "test"), usPackText);
});
afterAll(async () => {
  await t.close();
});

const record = (facts: Record<string, unknown>) =>
  t.app.border.recordEncounter(officer, EncounterRecord.parse({ demographic: "single_adult", ...facts }));

describe("border decisions beyond the single Title 8 door", () => {
  it("lets the database store every disposition of the packs' vocabulary", () => {
    const migration = readFileSync(
      new URL("./migrations/0003-border-entry-facts.sql", import.meta.url),
      "utf8",
    );
    const listed = [...migration.matchAll(/'([a-z0-9_]+)'/g)]
      .map((m) => m[1])
      .filter((c) => c !== "between_ports");
    expect(listed.filter((c) => c !== "port_of_entry").sort()).toEqual([...DispositionCode.options].sort());
  });

  it("records expedited removal after Title 42, with the facts and the presumption it was decided under", async () => {
    const met = await record({ date: "2023-06-01", citizenship: "HND", border: "Southwest Land Border" });
    expect(met).toMatchObject({ authority: "title8", entry: "between_ports", appointment: false });
    const decided = await t.app.border.decide(officer, met.id, {
      disposition: "expedited_removal",
      reason: "no fear expressed; within 100 miles and 14 days",
    });
    expect(decided).toMatchObject({ disposition: "expedited_removal", to: null, status: "final" });
    const { assessment } = await t.app.border.assessEncounter(officer, met.id);
    expect(assessment.presumptions.map((p) => p.code)).toEqual(["clp_presumption"]);
  });

  it("records an expulsion by air to the person's own country under Title 42", async () => {
    const met = await record({ date: "2021-06-01", citizenship: "GTM", demographic: "family_unit" });
    const decided = await t.app.border.decide(officer, met.id, {
      disposition: "expulsion",
      to: "GTM",
      reason: "Title 42 family expulsion flight",
    });
    expect(decided).toMatchObject({
      disposition: "expulsion",
      to: "GTM",
      needsApproval: false,
      status: "final",
    });
  });

  it("keeps a port-of-entry appointment on the record, and the presumption does not apply", async () => {
    const met = await record({
      date: "2023-07-01",
      citizenship: "VEN",
      entry: "port_of_entry",
      appointment: true,
      port: "San Ysidro",
    });
    const view = await t.app.border.getEncounter(officer, met.id);
    expect(view).toMatchObject({ entry: "port_of_entry", appointment: true, priorRemovalOrder: false });
    const { assessment } = await t.app.border.assessEncounter(officer, met.id);
    expect(assessment.presumptions).toEqual([]);
  });

  it("imports the new columns from CSV and refuses an unknown kind of entry with line and column", async () => {
    const header = "date,demographic,citizenship,entry,appointment,prior_removal_order";
    const good = `${header}\n2023-06-02,single_adult,CUB,port_of_entry,yes,no\n2023-06-03,single_adult,GTM,,,yes\n`;
    const imported = await t.app.border.importEncounters(officer, {
      fileName: "facts.csv",
      contentHash: "facts-1",
      open: () => Readable.from([good]),
    });
    expect(imported.rows).toBe(2);
    const { encounters } = await t.app.border.listEncounters(officer, { limit: 2, offset: 0 });
    const views = await Promise.all(encounters.map((e) => t.app.border.getEncounter(officer, e.id)));
    expect(views.map((v) => [v.citizenship, v.entry, v.appointment, v.priorRemovalOrder]).sort()).toEqual([
      ["CUB", "port_of_entry", true, false],
      ["GTM", "between_ports", false, true],
    ]);
    const bad = `${header}\n2023-06-02,single_adult,CUB,airport,no,no\n`;
    await expect(
      t.app.border.importEncounters(officer, {
        fileName: "bad.csv",
        contentHash: "facts-2",
        open: () => Readable.from([bad]),
      }),
    ).rejects.toThrow(/bad\.csv, line 2, field entry/);
  });
});
