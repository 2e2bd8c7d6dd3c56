import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.ts";
import { readInput } from "./border.cli.ts";
import { parseEncounter } from "./engine/parse-input.ts";

const dir = mkdtempSync(join(tmpdir(), "border-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("readInput", () => {
  it("fails as bad input (exit 2) when the file is missing", async () => {
    const error = await failure(readInput(join(dir, "absent.json"), "encounter", parseEncounter));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/cannot read .*absent\.json: ENOENT/);
  });

  it("names the file and field of each problem", async () => {
    const path = join(dir, "bad-date.json");
    writeFileSync(
      path,
      JSON.stringify({ date: "2022-02-30", citizenship: "VEN", demographic: "single_adult" }),
    );
    const error = await failure(readInput(path, "encounter", parseEncounter));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`${path}, field date: expected a real date`);
  });

  it("names the file and field of an encounter dated before 1990", async () => {
    const path = join(dir, "old-date.json");
    writeFileSync(
      path,
      JSON.stringify({ date: "1989-06-01", citizenship: "VEN", demographic: "single_adult" }),
    );
    const error = await failure(readInput(path, "encounter", parseEncounter));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`${path}, field date: an encounter is dated from 1990`);
  });
});
