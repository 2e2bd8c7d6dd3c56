import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every command that reads a file reads it through the one strict decoder: the real `hemisphere` on files
// with a NUL, a Latin-1 byte, a lone surrogate's bytes or a key given twice ends with exit 2 and a message
// naming the file, the line and the field, never a stack trace; a byte-order mark is dropped.

const root = path.resolve(import.meta.dirname, "..");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "importers-cli-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = (...parts: (string | number[])[]) =>
  Buffer.from(
    Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p))),
  );
const ACCENT = [0x4a, 0x6f, 0x73, 0xe9];
const SURROGATE = [0xed, 0xa0, 0x80];
const BOM = [0xef, 0xbb, 0xbf];

function file(name: string, content: Buffer | string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "./bin/hemisphere",
      args,
      { cwd: root, env: { ...process.env, HEMISPHERE_DATA_DIR: path.join(dir, dataDir), DATABASE_URL: "" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const FLOWS = "period,measure,value,country\n";
const ENCOUNTERS = "date,demographic,citizenship,given_names\n";
const PEOPLE = "pid,first,last\n";
const LINKS = "source_type,source_id,target_type,target_id,kind,observed_at,case_id\n";
const PERSON_MAP = "given_name=first,surname=last";

/** Each case: the command, and what its refusal must say (exit 2 for all). */
const CASES: [string, () => string[], RegExp][] = [
  [
    "flows import, a NUL byte",
    () => [
      "flows",
      "import",
      file("nul.csv", bytes(FLOWS, "2024-01,encounters,5,", [0], "\n")),
      "--source",
      "generic",
      "--nation",
      "MEX",
    ],
    /nul\.csv, line 2, field country \(column 4\): holds a NUL character/,
  ],
  [
    "flows import, a figure given twice",
    () => [
      "flows",
      "import",
      file("twice.csv", `${FLOWS}2024-01,encounters,5,MEX\n2024-01,encounters,5,MEX\n`),
      "--source",
      "generic",
      "--nation",
      "MEX",
    ],
    /twice\.csv, line 3: duplicate figure: .* already given on line 2/,
  ],
  [
    "flows series, a Latin-1 byte",
    () => [
      "flows",
      "series",
      file("latin1-flows.csv", bytes(FLOWS, "2024-01,encounters,5,", ACCENT, "\n")),
      "--measure",
      "encounters",
    ],
    /latin1-flows\.csv, line 2, field country \(column 4\): is not valid UTF-8: byte 0xE9/,
  ],
  [
    "border import, a Latin-1 name",
    () => [
      "border",
      "import",
      file("latin1.csv", bytes(ENCOUNTERS, "2022-01-10,single_adult,MEX,", ACCENT, "\n")),
      "--nation",
      "GTM",
    ],
    /latin1\.csv, line 2, field given_names \(column 4\): is not valid UTF-8: byte 0xE9/,
  ],
  [
    "border import, a NUL byte",
    () => [
      "border",
      "import",
      file("nul-enc.csv", bytes(ENCOUNTERS, "2022-01-10,single_adult,", [0], "MEX,Ana\n")),
      "--nation",
      "GTM",
    ],
    /nul-enc\.csv, line 2, field citizenship \(column 3\): holds a NUL character/,
  ],
  [
    "registry import, a lone surrogate's bytes",
    () => [
      "registry",
      "import",
      file("cesu.csv", bytes(PEOPLE, "P1,An", SURROGATE, "a,Ruiz\n")),
      "--nation",
      "MEX",
      "--id",
      "pid",
      "--map",
      PERSON_MAP,
    ],
    /cesu\.csv, line 2, field first \(column 2\): is not valid UTF-8: bytes ED A0 80 encode a lone UTF-16 surrogate/,
  ],
  [
    "registry import, a person key given twice",
    () => [
      "registry",
      "import",
      file("people-twice.csv", bytes(BOM, PEOPLE, "P1,Ana,Ruiz\nP2,Luis,Paz\nP1,Ana,Ruiz\n")),
      "--nation",
      "MEX",
      "--id",
      "pid",
      "--map",
      PERSON_MAP,
    ],
    /line 4, field id: id "P1" is already given on line 2/,
  ],
  [
    "networks analyze, a link given twice",
    () => {
      const row = "person,P-1,phone,+525559926749,uses_phone,2024-06-30,INV-7\n";
      const links = file("links-twice.csv", `${LINKS}${row}person,P-2,account,ACCT-2,controls,,\n${row}`);
      return ["networks", "analyze", "--links", links, "--out", path.join(dir, "report.json")];
    },
    /links-twice\.csv, line 4: the same link .* already given on line 2/,
  ],
  [
    "networks analyze, a Latin-1 byte",
    () => {
      const links = file(
        "links-latin1.csv",
        bytes(LINKS, "person,", ACCENT, ",phone,+525559926749,uses_phone,,\n"),
      );
      return ["networks", "analyze", "--links", links, "--out", path.join(dir, "report.json")];
    },
    /links-latin1\.csv, line 2, field source_id \(column 2\): is not valid UTF-8/,
  ],
  [
    "placement solve, a NUL byte",
    () => [
      "placement",
      "solve",
      "--cases",
      file("cases.csv", bytes("case_id,size\nA,1\nB", [0], ",2\n")),
      "--places",
      file("places.csv", "place_id,nation,capacity_persons\np1,CAN,5\n"),
      "--scores",
      file("scores.csv", "case_id,place_id,score\nA,p1,1\nB,p1,1\n"),
      "--out",
      path.join(dir, "assign.csv"),
    ],
    /cases\.csv, line 3, field case_id \(column 1\): holds a NUL character/,
  ],
];

describe("commands refuse a file they cannot read as text, or one giving a key twice", () => {
  it("ends every case with exit 2 and a message naming file, line and field, never a stack trace", async () => {
    const results: Run[] = [];
    for (let i = 0; i < CASES.length; i += 4) {
      const batch = CASES.slice(i, i + 4).map(([, args], k) => run(args(), `data-${i + k}`));
      results.push(...(await Promise.all(batch)));
    }
    CASES.forEach(([name, , message], i) => {
      const result = results[i] as Run;
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr, name).not.toMatch(/\n\s+at /);
    });
  }, 240_000);

  it("imports a file with a byte-order mark, accents intact", async () => {
    const accepted = file("bom.csv", bytes(BOM, ENCOUNTERS, "2022-01-10,single_adult,MEX,José\n"));
    const result = await run(["border", "import", accepted, "--nation", "GTM"], "data-bom");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/"rows":\s*1/);
  }, 120_000);
});
