import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { prepareBorderTenants } from "./border.test-support.ts";

// A large encounter import must not hold the server: rows are validated and sealed a few hundred at a time,
// with a turn of the event loop between, so health probes and other requests are answered meanwhile.

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  token = (await userWithToken(t, "USA", ["border_officer"])).token;
}, 120_000);
afterAll(() => t.close());

function encounterFile(rows: number): string {
  const lines = ["date,border,port,demographic,citizenship,given_names,family_names,birth_date"];
  const nationalities = ["MEX", "GTM", "HND", "VEN", "HTI", "COL", "ECU", "CUB"];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(
      `2022-03-${day},southwest,Port ${i % 40},single_adult,${nationalities[i % nationalities.length]},Ana ${i},Pérez ${i},1990-01-${day}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("a large encounter import", () => {
  it("answers /healthz while thousands of rows are imported, and imports them all", async () => {
    const csv = encounterFile(6_000);
    let finished = false;
    let answeredDuring = 0;
    const probing = (async () => {
      while (!finished) {
        const health = await t.app.http.request("/healthz");
        expect(health.status).toBe(200);
        if (!finished) answeredDuring++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const response = await t.request("POST", "/api/v1/border/encounters/import?fileName=large.csv", {
      token,
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    finished = true;
    await probing;
    expect(response.status, await response.clone().text()).toBe(201);
    expect(((await response.json()) as { rows: number }).rows).toBe(6_000);
    // Before, the file was parsed as one piece and its rows sealed without a turn: probes waited for the end.
    expect(answeredDuring).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
