import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "pathways-cli-"));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

// Each spawn pays the CLI's start-up, so the cases run concurrently.
function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "./bin/hemisphere",
      ["pathways", ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// A catalogue written the way an outside reader of docs/pathways-rules.md would write it.
const catalog = file("catalog.json", {
  pathways: [
    {
      id: "mobility",
      rules: [
        { kind: "nationality", in: ["VEN", "HTI"] },
        { kind: "presence", country: "COL", onOrBefore: "2023-06-11" },
      ],
    },
    {
      id: "work",
      rules: {
        all: [
          { kind: "age", min: 18 },
          { kind: "job_offer", country: "CAN" },
        ],
      },
    },
  ],
});

describe.concurrent("hemisphere pathways (spawned)", () => {
  it("screens the example catalogue by date: CHNV open in 2023, suspended in February 2025, closed after", async () => {
    const answers = file("chnv.json", {
      nationality: "VEN",
      current_country: "COL",
      sponsor_in_USA: true,
      has_valid_passport: true,
      status_elsewhere: ["none"],
      "irregular_entry_MEX_PAN_USA_after_2022-10-19": false,
      exclusions: ["none"],
    });
    const chnv = async (on: string) => {
      const { code, stdout } = await run(
        "screen",
        "--catalog",
        "packs/pathways/examples.json",
        "--answers",
        answers,
        "--on",
        on,
        "--lang",
        "ht",
      );
      expect(code).toBe(0);
      return (JSON.parse(stdout) as Record<string, unknown>[]).find(
        (r) => r.pathway === "usa-sponsor-parole",
      );
    };
    const [open, suspended, closed] = await Promise.all([
      chnv("2023-03-01"),
      chnv("2025-02-10"),
      chnv("2025-04-01"),
    ]);
    expect(open).toEqual({
      pathway: "usa-sponsor-parole",
      result: "eligible",
      reasons: expect.any(Array),
      missing: [],
    });
    expect(suspended).toMatchObject({
      result: "not_eligible",
      status: "suspended",
      reasonCode: "pathway_suspended",
    });
    expect(closed).toMatchObject({ result: "not_eligible", status: "closed", reasonCode: "pathway_closed" });
    expect(String((closed?.reasons as string[] | undefined)?.[0])).toMatch(/25 mas 2025/);
  });

  it("screens: one entry per pathway with result, reasons and missing", async () => {
    const answers = file("a.json", {
      nationality: "HTI",
      current_country: "COL",
      arrival_date: "2022-01-01",
    });
    const { code, stdout } = await run(
      "screen",
      "--catalog",
      catalog,
      "--answers",
      answers,
      "--on",
      "2024-06-01",
    );
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results).toEqual([
      { pathway: "mobility", result: "eligible", reasons: expect.any(Array), missing: [] },
      {
        pathway: "work",
        result: "maybe",
        reasons: expect.any(Array),
        missing: ["date_of_birth", "job_offer_in_CAN"],
      },
    ]);
    expect(results[0].reasons).toHaveLength(2);
  });

  it("writes reasons in the language asked", async () => {
    const answers = file("b.json", { nationality: "MEX" });
    const { code, stdout } = await run(
      "screen",
      "--catalog",
      catalog,
      "--answers",
      answers,
      "--lang",
      "ht",
      "--on",
      "2024-06-01",
    );
    expect(code).toBe(0);
    const [mobility] = JSON.parse(stdout);
    expect(mobility.result).toBe("not_eligible");
    expect(mobility.reasons[0]).toContain("Pwogram sa a se pou moun ki gen nasyonalite Venezyela oswa Ayiti");
  });

  it("lists only the questions the rules need", async () => {
    const { code, stdout } = await run("questions", "--catalog", catalog);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { id: "nationality", type: "country" },
      { id: "current_country", type: "country" },
      { id: "arrival_date", type: "date" },
      { id: "date_of_birth", type: "date" },
      { id: "job_offer_in_CAN", type: "boolean" },
    ]);
  });

  it.each([
    {
      name: "invalid JSON",
      args: () => ["questions", "--catalog", file("bad.json", "{")],
      says: "not valid JSON",
    },
    {
      name: "missing file",
      args: () => ["questions", "--catalog", join(dir, "nope.json")],
      says: "cannot read",
    },
    {
      name: "schema problem with its path",
      args: () => [
        "questions",
        "--catalog",
        file("c.json", { pathways: [{ id: "x", rules: { kind: "age" } }] }),
      ],
      says: "pathways[0].rules: expected `min`, `max` or both",
    },
    {
      name: "bad answer",
      args: () => ["screen", "--catalog", catalog, "--answers", file("d.json", { arrival_date: "soon" })],
      says: "field arrival_date: expected a date",
    },
    { name: "bad --on", args: () => ["questions", "--catalog", catalog, "--on", "2024-02-30"], says: "--on" },
    { name: "no --answers", args: () => ["screen", "--catalog", catalog], says: "--answers" },
  ])("exits 2 on $name", async ({ args, says }) => {
    const { code, stderr, stdout } = await run(...args());
    expect(code).toBe(2);
    expect(stderr).toContain(says);
    expect(stdout).toBe("");
  });
});
