import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../platform/errors.ts";
import { runImport, runSearch } from "./registry.command.ts";

// The CLI contract end to end on an embedded database in a temporary data directory.
let dir: string;
const saved = { ...process.env };

const HEADER = "person_id , nombre , apellido , segundo , nacimiento , documento , sexo";
const ROWS = [
  "A1, Xochitl , Quetzalcoatl-Ramirez , Tzompantli , 1987-03-14 , ZQ7788991 , F",
  "A2,Bartolome,Ixtlahuaca,Zacualpan,02/11/1975,ZQ5544332,M",
  "A3,Xochitl,Quetzalcoatl,,19870314,,F",
  "A4,Xochitl,Quetzalcoatl,,1987-03,,F",
  "A5,Bartolome,Ixtlahuaca,,1975,,M",
];
const MAP =
  "given_name=nombre,surname=apellido,second_surname=segundo,date_of_birth=nacimiento,document_number=documento,sex=sexo";

function files(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(root, e.name);
    return e.isDirectory() ? files(full) : [full];
  });
}

async function captured(fn: () => Promise<void>): Promise<string> {
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

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-cli-"));
  process.env.HEMISPHERE_DATA_DIR = path.join(dir, "data");
  delete process.env.DATABASE_URL;
  delete process.env.HEMISPHERE_KEYS;
  fs.writeFileSync(path.join(dir, "people.csv"), `${HEADER}\n${ROWS.join("\n")}\n`);
  fs.writeFileSync(path.join(dir, "bad.csv"), `${HEADER}\n${ROWS[0]}\nB2,Ana,Zyx,,31-feb-1990,,F\n`);
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("hemisphere registry import and search", () => {
  const opts = { nation: "MEX", id: "person_id", map: MAP };

  it("refuses a bad row naming its line and field, and writes nothing", async () => {
    const error = await runImport(path.join(dir, "bad.csv"), opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).exitCode).toBe(2);
    expect((error as AppError).message).toMatch(/line 3, field date_of_birth/);
    expect(fs.existsSync(path.join(dir, "data", "pgdata"))).toBe(false);
  });

  it("imports full, year-month and year-only dates once; the same ids again register nobody", async () => {
    expect(await captured(() => runImport(path.join(dir, "people.csv"), opts))).toMatch(
      /registered 5, already registered 0/,
    );
    expect(await captured(() => runImport(path.join(dir, "people.csv"), opts))).toMatch(
      /registered 0, already registered 5/,
    );
  }, 240_000);

  it("finds a person by name and date of birth, best first, with reasons", async () => {
    const out = await captured(() =>
      runSearch({
        nation: "MEX",
        given: "Xochitl",
        surname: "Quetzalcoatl Ramirez",
        dob: "1987-03-14",
        limit: "20",
      }),
    );
    const hits = JSON.parse(out) as {
      id: string;
      score: number;
      band: string;
      reasons: { field: string }[];
    }[];
    expect(hits[0]).toMatchObject({ id: "A1", band: "likely" });
    expect(hits.map((h) => h.id)).toContain("A3");
    expect(hits.map((h) => h.id)).not.toContain("A2");
    expect(hits[0]?.reasons.map((r) => r.field)).toContain("date_of_birth");
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it("keeps another nation's people out of a search", async () => {
    const out = await captured(() =>
      runSearch({ nation: "USA", given: "Xochitl", surname: "Quetzalcoatl", limit: "20" }),
    );
    expect(JSON.parse(out)).toEqual([]);
  });

  it("leaves no name or document number in plaintext in the database files", () => {
    const secrets = [
      "Xochitl",
      "Quetzalcoatl",
      "Tzompantli",
      "Bartolome",
      "Ixtlahuaca",
      "ZQ7788991",
      "ZQ5544332",
    ];
    const found: string[] = [];
    const all = files(path.join(dir, "data"));
    expect(all.length).toBeGreaterThan(10);
    for (const file of all) {
      const bytes = fs.readFileSync(file);
      for (const s of secrets) {
        for (const variant of [s, s.toLowerCase(), s.toUpperCase()]) {
          if (bytes.includes(Buffer.from(variant))) found.push(`${path.relative(dir, file)}: ${variant}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
