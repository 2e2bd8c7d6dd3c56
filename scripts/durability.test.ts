import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { type DurabilityResult, describeResult, findLostWrites, runDurabilityCheck } from "./durability.ts";

describe("findLostWrites", () => {
  it.each([
    { acknowledged: [], present: [], lost: [] },
    { acknowledged: ["a", "b"], present: ["a", "b", "c"], lost: [] },
    { acknowledged: ["a", "b", "c"], present: ["a", "c"], lost: ["b"] },
    { acknowledged: ["a"], present: [], lost: ["a"] },
  ])("acknowledged $acknowledged, present $present → lost $lost", ({ acknowledged, present, lost }) => {
    expect(findLostWrites(acknowledged, new Set(present))).toEqual(lost);
  });
});

describe("describeResult", () => {
  const base: DurabilityResult = {
    database: "pglite",
    sent: 10,
    acknowledged: 9,
    acknowledgedBeforeKill: 5,
    inFlightAtKill: 1,
    inFlightCommitted: 0,
    lost: [],
    refused: [],
    auditOk: true,
    auditOutput: "",
    unaudited: [],
    passed: true,
  };
  it("says PASS only for a passing run and names a lost write", () => {
    expect(describeResult(base)).toMatch(/RESULT: PASS/);
    const failing = describeResult({ ...base, lost: ["x@usa.test"], passed: false });
    expect(failing).toMatch(/RESULT: FAIL/);
    expect(failing).toContain("x@usa.test");
  });
});

// The same database the rest of the suite runs on: PGlite (from the migrated template) or TEST_DATABASE_URL.
describe("SIGKILL midway through a stream of audited writes", () => {
  it("keeps every acknowledged write and every audit chain verifies after a restart", async () => {
    const template = inject("dbTemplate");
    const writes = 60;
    const result = await runDurabilityCheck({
      writes,
      concurrency: 4,
      databaseUrl: template.kind === "postgres" ? template.url : undefined,
      loadDataDir: template.kind === "pglite" ? new Blob([fs.readFileSync(template.file)]) : undefined,
      log: () => {},
    });
    expect(result.database).toBe(template.kind);
    expect(result.lost).toEqual([]);
    expect(result.refused).toEqual([]);
    expect(result.acknowledgedBeforeKill).toBeGreaterThanOrEqual(writes / 2);
    expect(result.acknowledged).toBeGreaterThanOrEqual(writes - 4);
    expect(result.auditOk).toBe(true);
    expect(result.unaudited).toEqual([]);
    expect(result.passed).toBe(true);
  }, 180_000);
});
