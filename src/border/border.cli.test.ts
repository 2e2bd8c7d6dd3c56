import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { usPackPath } from "./us-pack.fixture.ts";

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
    expect(Object.keys(output)).toEqual(["authority", "dispositions", "safeguards", "pendingChecks"]);
    expect(output.authority).toBe("title42");
    expect(output.pendingChecks).toEqual([{ code: "prior_residence", country: "COL" }]);
    expect(
      output.dispositions.map((d: { code: string; to?: string; eligible: boolean }) => [
        d.code,
        d.to,
        d.eligible,
      ]),
    ).toEqual([
      ["expulsion", "MEX", false],
      ["third_country_return", "COL", false],
      ["title8_processing", undefined, true],
    ]);
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
    expect(JSON.parse(result.stdout).dispositions[1]).toMatchObject({
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
