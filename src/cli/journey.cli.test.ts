import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { simplePathway } from "../pathways/pathways.test-support.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personInput, registerPerson, uniqueName } from "../registry/registry.test-support.ts";
import { placeApprovedApplications, recordArrival } from "./journey.cli.ts";

// The journey's commands on an open application: a run from approved applications prints what it took, placed
// and left out; an arrival is recorded and printed; bad flags are bad input naming the flag.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";

let t: TestApp;
let dir: string;
const ids = { linked: "", unlinked: "" };
const today = new Date().toISOString().slice(0, 10);

async function captured(fn: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join("");
}

async function approvedApplication(linkTo: string | null): Promise<{ id: string; code: string }> {
  const officer = systemScope("USA", "test", ["pathway_officer"]);
  const filed = await t.app.pathways.portal.apply(
    {
      lang: "es",
      nation: "USA",
      pathwayId: "usa-cli-resettle",
      answers: { nationality: "VEN" },
      fullName: "Ana Pérez",
    },
    null,
  );
  if (linkTo) await t.app.pathways.registryLink.confirm(officer, filed.id, linkTo);
  await t.app.pathways.workflow.changeStage(officer, filed.id, {
    stage: "decided",
    decision: "approved",
    reason: "meets the criteria",
  });
  return { id: filed.id, code: filed.trackingCode };
}

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "journey-cli-"));
  fs.writeFileSync(
    path.join(dir, "places.csv"),
    "place_id,nation,capacity_persons,locality\nusa-hou,USA,10,Houston\n",
  );
  const scope = systemScope("USA", "test");
  await t.app.pathways.catalog.save(
    scope,
    "usa-cli-resettle",
    { ...simplePathway("USA", "usa-cli-resettle"), type: "resettlement" },
    "2020-01-01",
  );
  await t.app.pathways.catalog.publish(scope, "usa-cli-resettle", true);
  const person = await registerPerson(
    t.app,
    "USA",
    personInput({ givenNames: [uniqueName()], surnames: [uniqueName()], nationalities: ["VEN"] }),
    { overrideReason: "test person" },
  );
  ids.linked = (await approvedApplication(person)).id;
  ids.unlinked = (await approvedApplication(null)).code;
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("hemisphere placement from-applications, hemisphere pathways arrival", () => {
  it("runs on the approved applications and prints what was placed and what was left out, and why", async () => {
    const out = await captured(() =>
      placeApprovedApplications(t.app, { nation: "usa", places: path.join(dir, "places.csv") }),
    );
    expect(out).toMatch(
      /^run [0-9a-f-]{36} \(USA\): 1 household\(s\) from 1 application\(s\) of usa-cli-resettle; 1 placed, 0 not placed\n/,
    );
    expect(out).toContain(`left out ${ids.unlinked}: not linked to a registry person`);
  });

  it("records the arrival and prints where", async () => {
    const out = await captured(() =>
      recordArrival(t.app, { nation: "USA", application: ids.linked, on: today }),
    );
    expect(out).toMatch(new RegExp(`^arrived ${today} in Houston \\(USA\\), case USA-`));
  });

  it("refuses bad flags as bad input naming the flag", async () => {
    await expect(placeApprovedApplications(t.app, { nation: "U1", places: "x.csv" })).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("--nation"),
    });
    await expect(
      recordArrival(t.app, { nation: "USA", application: ids.linked, on: "yesterday" }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringContaining("--on") });
    await expect(
      placeApprovedApplications(t.app, { nation: "USA", places: path.join(dir, "missing.csv") }),
    ).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
