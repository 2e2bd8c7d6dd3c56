import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { usPackText } from "./border.test-support.ts";

// The bulk import across several batches: all or nothing, interruptible, one refresh of the monthly counts.

let t: TestApp;
const scope = systemScope("USA", "test", ["border_officer"]);
beforeAll(async () => {
  t = await startTestApp();
  await t.app.border.loadPack(systemScope("USA", "test"), usPackText);
});
afterAll(async () => {
  await t.close();
});

/** A CSV of `rows` encounters spread over three months; `broken` replaces the line at that number. */
function csv(rows: number, broken?: { line: number; text: string }): string {
  const lines = ["date,sector,demographic,citizenship"];
  for (let i = 0; i < rows; i++) lines.push(`2021-0${4 + (i % 3)}-1${i % 10},Tucson Sector,single_adult,MEX`);
  if (broken) lines[broken.line - 1] = broken.text;
  return `${lines.join("\n")}\n`;
}

async function stored(): Promise<{ encounters: number; monthly: number }> {
  const list = await t.app.border.listEncounters(scope, { limit: 1, offset: 0 });
  const months = await t.app.border.cbpMonthly(scope);
  return { encounters: list.total, monthly: months.reduce((sum, r) => sum + r.encounter_count, 0) };
}

function importText(
  text: string,
  extra: { hash: string; signal?: AbortSignal; onRows?: (n: number) => void },
) {
  return t.app.border.importEncounters(scope, {
    fileName: "batch.csv",
    contentHash: extra.hash,
    open: () => Readable.from([text]),
    ...(extra.onRows ? { onRows: extra.onRows } : {}),
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
}

describe("encounter import over several batches", () => {
  it("keeps nothing when a row after the first batches is bad, and names its line", async () => {
    const text = csv(4500, { line: 4400, text: "2021-02-30,Tucson Sector,single_adult,MEX" });
    await expect(importText(text, { hash: "bad-late-row" })).rejects.toThrow(
      /batch\.csv, line 4400, field date/,
    );
    expect(await stored()).toEqual({ encounters: 0, monthly: 0 });
  });

  it("refuses an encounter dated in the future, by the server's clock, naming its line and field", async () => {
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const text = csv(1200, { line: 900, text: `${inTwoDays},Tucson Sector,single_adult,MEX` });
    await expect(importText(text, { hash: "future-row" })).rejects.toThrow(
      /batch\.csv, line 900, field date: an encounter cannot be dated in the future/,
    );
    expect(await stored()).toEqual({ encounters: 0, monthly: 0 });
  });

  it("reports a CSV syntax error with its line and keeps nothing", async () => {
    const text = csv(4500, { line: 3000, text: '2021-04-10,"Tucson Sector,single_adult,MEX' });
    await expect(importText(text, { hash: "bad-quote" })).rejects.toThrow(
      /batch\.csv, line \d+, field \(row\)/,
    );
    expect(await stored()).toEqual({ encounters: 0, monthly: 0 });
  });

  it("stops between batches when interrupted, keeps nothing, and can run again afterwards", async () => {
    const controller = new AbortController();
    const text = csv(4500);
    const interrupted = importText(text, {
      hash: "interrupted",
      signal: controller.signal,
      onRows: () => controller.abort(),
    });
    await expect(interrupted).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(await stored()).toEqual({ encounters: 0, monthly: 0 });

    const ticks: number[] = [];
    const result = await importText(text, { hash: "interrupted", onRows: (n) => ticks.push(n) });
    expect(result).toMatchObject({ rows: 4500, alreadyImported: false });
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(4500);
    expect(ticks.length).toBeGreaterThan(1);
    expect(await stored()).toEqual({ encounters: 4500, monthly: 4500 });
  });
});
