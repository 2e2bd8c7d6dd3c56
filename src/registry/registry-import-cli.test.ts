import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The real `hemisphere registry import` on small files with one bad value each: exit code 2, a message naming
// the line and the field, and no database written.
const root = path.resolve(import.meta.dirname, "../..");
let dir: string;

const HEADER = "pid,first,last,born,doc,tel,nat,sex,mail";
const GOOD = ["P1,Ana,Gómez,1990-05-17,AB123456,+52 5512345678,MEX,F,ana@example.org"];
const MAP =
  "given_name=first,surname=last,date_of_birth=born,document_number=doc,phone=tel,nationality=nat,email=mail";

/** Each bad file: the column changed on line 3, its value, and the field the message must name. */
const BAD: [string, string, string][] = [
  ["born", "1985-1-305", "date_of_birth"],
  ["born", "19850-01-01", "date_of_birth"],
  ["born", "1985-13-45", "date_of_birth"],
  ["born", "1985-13", "date_of_birth"],
  ["born", "2999-01-01", "date_of_birth"],
  ["doc", "A#12", "document_number"],
  ["tel", "55 12", "phone"],
  ["nat", "MX1", "nationality"],
  ["sex", "Q", "sex"],
  ["first", "Ana7", "given_name"],
  ["mail", "ana@", "email"],
];

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "./bin/hemisphere",
      ["registry", "import", ...args],
      { cwd: root, env: { ...process.env, HEMISPHERE_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-import-cli-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("hemisphere registry import refuses a file with a bad value", () => {
  it("answers every bad file with exit 2, its line and field, and writes nothing", async () => {
    const files = BAD.map(([column, value], i) => {
      const cells = GOOD[0]!.split(",");
      cells[0] = "P2";
      cells[HEADER.split(",").indexOf(column)] = value;
      const file = path.join(dir, `bad-${i}.csv`);
      fs.writeFileSync(file, [HEADER, ...GOOD, cells.join(",")].join("\n"));
      return file;
    });
    const results: { code: number; stderr: string }[] = [];
    for (let i = 0; i < files.length; i += 4)
      results.push(
        ...(await Promise.all(
          files.slice(i, i + 4).map((f) => run([f, "--nation", "MEX", "--id", "pid", "--map", MAP])),
        )),
      );
    BAD.forEach(([, value, field], i) => {
      const result = results[i]!;
      expect(result.code, `${value}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`line 3, field ${field}`);
      expect(result.stderr).toMatch(/nothing was imported/);
    });
    expect(fs.existsSync(path.join(dir, "data", "pgdata"))).toBe(false);
  }, 300_000);
});
