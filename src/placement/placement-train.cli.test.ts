import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { steeringHistory } from "./placement.test-support.ts";

const bin = join(import.meta.dirname, "../../bin/hemisphere");
const dir = mkdtempSync(join(tmpdir(), "placement-train-"));
const at = (name: string) => join(dir, name);
const run = (...args: string[]) => spawnSync(bin, ["placement", ...args], { encoding: "utf8" });

describe("hemisphere placement train", () => {
  it("trains on a generated history, prints AUC and calibration, and writes scores solve accepts", () => {
    const made = run(
      "generate-history",
      "--dir",
      dir,
      "--history",
      "1500",
      "--cases",
      "40",
      "--localities",
      "6",
    );
    expect(made.status).toBe(0);
    const base = ["--history", at("history.csv"), "--cases", at("cases.csv"), "--places", at("places.csv")];
    const trained = run("train", ...base, "--out", at("scores.csv"), "--model", at("model.json"));
    expect(trained.status).toBe(0);
    expect(trained.stdout).toMatch(/per-locality model: 300 held-out rows .* AUC 0\.\d{4} {2}Brier 0\.\d{4}/);
    expect(trained.stdout).toMatch(/decile {2}rows {2}mean predicted {2}observed rate/);
    const scores = readFileSync(at("scores.csv"), "utf8").trim().split("\n");
    expect(scores).toHaveLength(1 + 40 * 6);
    const model = JSON.parse(readFileSync(at("model.json"), "utf8"));
    expect(model.localities).toHaveLength(6);
    expect(Object.keys(model.localities[0].coefficients)).toContain("language:es");
    expect(model.evaluation.heldOut.auc).toBeGreaterThan(0.6);
    const solved = run(
      "solve",
      "--cases",
      at("cases.csv"),
      "--places",
      at("places.csv"),
      "--scores",
      at("scores.csv"),
      "--out",
      at("assign.csv"),
    );
    expect(solved.status).toBe(0);
    expect(readFileSync(at("assign.csv"), "utf8").trim().split("\n")).toHaveLength(41);
  }, 180_000);

  it("exits 2 on a bad outcome, naming file, line and field", () => {
    writeFileSync(at("bad.csv"), "case_id,locality,outcome\nA,L1,1\nB,L1,maybe\n");
    writeFileSync(at("c.csv"), "case_id\nX\n");
    writeFileSync(at("p.csv"), "place_id,locality\nP1,L1\n");
    const bad = run(
      "train",
      "--history",
      at("bad.csv"),
      "--cases",
      at("c.csv"),
      "--places",
      at("p.csv"),
      "--out",
      at("s.csv"),
      "--holdout",
      "0",
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv, line 3, field outcome: expected 0 or 1, got "maybe"/);
    const flag = run(
      "train",
      "--history",
      at("bad.csv"),
      "--cases",
      at("c.csv"),
      "--places",
      at("p.csv"),
      "--out",
      at("s.csv"),
      "--holdout",
      "1.5",
    );
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--holdout/);
  });
});

describe("hemisphere placement train: fairness", () => {
  it("reports by needs group and nationality, refuses a steering model, and uses it only when acknowledged", () => {
    writeFileSync(at("fh.csv"), steeringHistory());
    writeFileSync(at("fc.csv"), "case_id,languages\nX,ar\nY,es\n");
    writeFileSync(at("fp.csv"), "place_id,locality\nP1,L1\nP2,L2\n");
    const files = ["--history", at("fh.csv"), "--cases", at("fc.csv"), "--places", at("fp.csv")];
    const refused = run("train", ...files, "--out", at("fs.csv"), "--fairness", at("ff.json"));
    expect(refused.status).toBe(2);
    expect(refused.stdout).toMatch(/need +woman_at_risk +n= +\d+ +predicted 0\.\d{3} +observed 0\.\d{3}/);
    expect(refused.stdout).toMatch(/nationality +SYR/);
    expect(refused.stdout).toMatch(/FLAG woman_at_risk at L2: share \d+\.\d% against \d+\.\d% overall/);
    expect(refused.stderr).toMatch(/--acknowledge-flag: the model steers woman_at_risk away/);
    expect(() => readFileSync(at("fs.csv"), "utf8")).toThrow();
    const report = JSON.parse(readFileSync(at("ff.json"), "utf8"));
    expect(report.flagged).toBe(true);
    expect(report.acknowledgement).toBeNull();

    const used = run(
      "train",
      ...files,
      "--out",
      at("fs.csv"),
      "--model",
      at("fm.json"),
      "--acknowledge-flag",
      "reviewed with the protection unit",
    );
    expect(used.status).toBe(0);
    expect(used.stderr).toMatch(/flagged model used, acknowledged: reviewed with the protection unit/);
    expect(readFileSync(at("fs.csv"), "utf8").trim().split("\n")).toHaveLength(5);
    const model = JSON.parse(readFileSync(at("fm.json"), "utf8"));
    expect(model.fairness.acknowledgement).toEqual({ reason: "reviewed with the protection unit" });
    expect(model.fairness.byNeed.map((g: { group: string }) => g.group)).toEqual(["woman_at_risk"]);
  }, 60_000);
});

describe("hemisphere placement simulate", () => {
  it("compares dynamic, greedy and hindsight on cases arriving in batches", () => {
    const cases = ["case_id,size", ...Array.from({ length: 12 }, (_, i) => `C${i},1`)];
    const scores = ["case_id,place_id,score"];
    for (let i = 0; i < 12; i++)
      for (const [p, s] of [
        ["A", 0.5 + (i % 3) / 10],
        ["B", 0.3 + (i % 4) / 10],
      ])
        scores.push(`C${i},${p},${s}`);
    writeFileSync(at("sc.csv"), `${cases.join("\n")}\n`);
    writeFileSync(at("sp.csv"), "place_id,nation,capacity_persons,capacity_cases\nA,CAN,6,6\nB,MEX,6,6\n");
    writeFileSync(at("ss.csv"), `${scores.join("\n")}\n`);
    const files = ["--cases", at("sc.csv"), "--places", at("sp.csv"), "--scores", at("ss.csv")];
    const simulated = run(
      "simulate",
      ...files,
      "--batches",
      "4",
      "--summary",
      at("sim.json"),
      "--out",
      at("sim.csv"),
    );
    expect(simulated.status).toBe(0);
    expect(simulated.stdout).toMatch(/dynamic +total score +[\d.]+ +[\d.]+% of hindsight/);
    const summary = JSON.parse(readFileSync(at("sim.json"), "utf8"));
    expect(summary.dynamic).toBeLessThanOrEqual(summary.hindsight + 1e-9);
    expect(readFileSync(at("sim.csv"), "utf8").trim().split("\n")).toHaveLength(13);
  });

  it("exits 2 when capacity is in persons over families of mixed size", () => {
    writeFileSync(at("fc.csv"), "case_id,size\nF1,3\nF2,2\n");
    writeFileSync(at("fp.csv"), "place_id,nation,capacity_persons\nA,CAN,4\n");
    writeFileSync(at("fs.csv"), "case_id,place_id,score\nF1,A,0.5\nF2,A,0.4\n");
    const bad = run("simulate", "--cases", at("fc.csv"), "--places", at("fp.csv"), "--scores", at("fs.csv"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/fp\.csv: batches over time need capacity in cases/);
  });
});
