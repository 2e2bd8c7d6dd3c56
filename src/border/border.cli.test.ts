import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { packPath, type ShippedJurisdiction, usPackPath } from "./shipped-packs.test-support.ts";

// The CLI contract, exercised the way outside checks use it: a spawned process on temporary files.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "border-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("./bin/hemisphere", ["border", "assess", ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const encounter = {
  date: "2022-03-15",
  citizenship: "VEN",
  demographic: "single_adult",
  border: "US-southwest",
  fearClaim: false,
  medicalEmergency: false,
  traffickingIndicators: [],
  priorResidences: [{ country: "COL", from: "2019-01-01", to: "2021-12-31" }],
};

describe("hemisphere border assess", () => {
  it("prints the assessment with the pending prior-residence check", async () => {
    const result = await run(["--pack", usPackPath, "--encounter", file("enc.json", encounter)]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual([
      "authority",
      "dispositions",
      "safeguards",
      "pendingChecks",
      "presumptions",
    ]);
    expect(output.authority).toBe("title42");
    expect(output.pendingChecks).toEqual([{ code: "prior_residence", country: "COL" }]);
    expect(output.presumptions).toEqual([]);
    expect(
      output.dispositions.map((d: { code: string; to?: string; eligible: boolean }) => [
        d.code,
        d.to,
        d.eligible,
      ]),
    ).toEqual([
      ["expulsion", "MEX", false],
      ["expulsion", "VEN", false],
      ["third_country_return", "COL", false],
      ["title8_processing", undefined, true],
      ["expedited_removal", undefined, true],
      ["notice_to_appear", undefined, true],
      ["voluntary_return", undefined, false],
      ["reinstatement", undefined, false],
      ["mpp", "MEX", true],
    ]);
  });

  it.each([
    ["between ports", {}, ["clp_presumption"]],
    ["at a port of entry without an appointment", { entry: "port_of_entry" }, ["clp_presumption"]],
    ["at a port of entry with a CBP One appointment", { entry: "port_of_entry", appointment: true }, []],
    ["as an unaccompanied child", { demographic: "unaccompanied_minor" }, []],
  ])("reports the pathways presumption after Title 42 for a Venezuelan met %s", async (_, facts, codes) => {
    const after = { ...encounter, date: "2023-05-12", priorResidences: [], ...facts };
    const result = await run(["--pack", usPackPath, "--encounter", file("after.json", after)]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.authority).toBe("title8");
    expect(output.presumptions.map((p: { code: string }) => p.code)).toEqual(codes);
  });

  it.each<[ShippedJurisdiction, Record<string, unknown>, string, string]>([
    [
      "MEX",
      { border: "Frontera norte", citizenship: "HND", date: "2021-06-01" },
      "readmission",
      "ley_de_migracion",
    ],
    [
      "COL",
      { border: "Cúcuta", citizenship: "VEN", entry: "port_of_entry" },
      "temporary_protection",
      "migracion_colombia",
    ],
  ])("assesses with the %s pack", async (nation, facts, code, authority) => {
    const result = await run([
      "--pack",
      packPath(nation),
      "--encounter",
      file("partner.json", { ...encounter, ...facts }),
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.authority).toBe(authority);
    expect(output.dispositions.find((d: { code: string }) => d.code === code)?.eligible).toBe(true);
  });

  it("makes the return eligible once COL verifies", async () => {
    const checks = file("checks.json", { priorResidence: { COL: "verified" } });
    const result = await run([
      "--pack",
      usPackPath,
      "--encounter",
      file("a.json", encounter),
      "--checks",
      checks,
    ]);
    expect(JSON.parse(result.stdout).dispositions[2]).toMatchObject({
      code: "third_country_return",
      to: "COL",
      eligible: true,
    });
    expect(JSON.parse(result.stdout).pendingChecks).toEqual([]);
  });

  it.each<[string, () => string[], RegExp]>([
    [
      "an encounter with a bad date, a missing field and an ill-typed field",
      () => [
        "--pack",
        usPackPath,
        "--encounter",
        file("bad-encounter.json", {
          ...encounter,
          date: "2022-02-30",
          citizenship: undefined,
          fearClaim: "no",
        }),
      ],
      /invalid encounter:\n.*field date: expected a real date.*\n.*field citizenship: required.*\n.*field fearClaim: .*expected boolean/,
    ],
    [
      "a pack that is not JSON",
      () => ["--pack", file("bad-pack.json", "{ nope"), "--encounter", file("ok.json", encounter)],
      /invalid policy pack:\n.*bad-pack\.json, field \(top level\): invalid JSON/,
    ],
  ])("exits 2 with a clear message on %s", async (_name, args, message) => {
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});
