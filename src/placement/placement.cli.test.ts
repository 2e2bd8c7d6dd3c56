import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "../../bin/hemisphere");
const dir = mkdtempSync(join(tmpdir(), "placement-cli-"));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const cases = file("cases.csv", "case_id,size,needs\nA,1,\nB,2,medical\nC,3,\n");
const places = file(
  "places.csv",
  "place_id,nation,capacity_persons,capacity_cases,services\nP1,CAN,3,,medical\nP2,MEX,2,1,\n",
);
const scores = file(
  "scores.csv",
  "case_id,place_id,score\nA,P1,0.5\nA,P2,0.6\nB,P1,0.9\nB,P2,0.8\nC,P1,0.7\n",
);

function solve(extra: string[] = [], scoresPath = scores) {
  const out = join(dir, "assign.csv");
  const summary = join(dir, "summary.json");
  const args = [
    "placement",
    "solve",
    "--cases",
    cases,
    "--places",
    places,
    "--scores",
    scoresPath,
    "--out",
    out,
  ];
  const run = spawnSync(bin, [...args, "--summary", summary, ...extra], { encoding: "utf8" });
  return { run, out, summary };
}

describe("hemisphere placement solve", () => {
  it("writes ASSIGN.csv with every case once and SUMMARY.json with the contract fields", () => {
    const { run, out, summary } = solve();
    expect(run.status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("case_id,place_id,score\nA,P2,0.6\nB,P1,0.9\nC,,\n");
    const parsed = JSON.parse(readFileSync(summary, "utf8"));
    expect(parsed).toMatchObject({ objective: 1.5, assigned: 2, unassigned: 1 });
    expect(Object.keys(parsed).slice(0, 6)).toEqual([
      "objective",
      "bound",
      "gap",
      "assigned",
      "unassigned",
      "seconds",
    ]);
  });

  it.each([
    ["a bad score", "case_id,place_id,score\nA,P1,x\n", /bad\.csv, line 2, field score/],
    ["an unknown place", "case_id,place_id,score\nA,P7,0.1\n", /bad\.csv, line 2, field place_id/],
  ])("exits 2 on %s, naming file, line and field", (_name, text, message) => {
    const { run } = solve([], file("bad.csv", text));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("exits 2 on a missing file and on a bad flag", () => {
    expect(solve([], join(dir, "nope.csv")).run.status).toBe(2);
    const flagged = solve(["--priority", "fastest"]);
    expect(flagged.run.status).toBe(2);
    expect(flagged.run.stderr).toMatch(/--priority/);
  });
});

describe("placement solve: family ties", () => {
  const tiedCases = file("tied-cases.csv", "case_id,size,ties\nT,1,Halifax\n");
  const twoPlaces = file(
    "two-places.csv",
    "place_id,nation,capacity_persons,locality\nP1,CAN,5,Toronto\nP2,CAN,5,Halifax\n",
  );
  const tiedScores = file("tied-scores.csv", "case_id,place_id,score\nT,P1,0.9\nT,P2,0.2\n");
  const run = (extra: string[]) => {
    const out = join(dir, "tied-assign.csv");
    const explain = join(dir, "tied-explain.csv");
    const args = ["--cases", tiedCases, "--places", twoPlaces, "--scores", tiedScores, "--out", out];
    const done = spawnSync(bin, ["placement", "solve", ...args, "--explain", explain, ...extra], {
      encoding: "utf8",
    });
    return { done, assign: readFileSync(out, "utf8"), explain: readFileSync(explain, "utf8") };
  };

  it("honours the tie by default, says so in EXPLAIN.csv, and --no-honour-ties switches it off", () => {
    const honoured = run([]);
    expect(honoured.done.status).toBe(0);
    expect(honoured.assign).toBe("case_id,place_id,score\nT,P2,0.2\n");
    expect(honoured.explain.split("\n")[0]).toMatch(/,reason,wish,wish_status$/);
    expect(honoured.explain).toMatch(/relatives' place honoured; .*,tie,honoured\n/);
    const off = run(["--no-honour-ties"]);
    expect(off.assign).toBe("case_id,place_id,score\nT,P1,0.9\n");
    expect(off.explain).toMatch(/,tie,not-chosen\n/);
  }, 60_000);
});
