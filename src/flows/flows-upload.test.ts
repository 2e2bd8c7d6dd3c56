import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { largeCbpFile } from "./large-cbp-file.test-support.ts";
import { hasRealData } from "./real-data.test-support.ts";

// Large uploads of statistics files: the server keeps answering while one is imported, a column with more values
// than one statement can bind is stored, and a file refused midway leaves nothing behind.

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await userWithToken(t, "USA", ["nation_admin"])).token;
});
afterAll(async () => {
  await t.close();
});

const upload = (body: string, query: string) =>
  t.request("POST", `/api/v1/flows/releases?${query}`, {
    token,
    body,
    headers: { "content-type": "text/csv" },
  });

/** Rows of every nation (as the owner: row-level security would hide them from the application's role). */
async function count(table: "flow_releases" | "flow_observations" | "flow_release_dimensions") {
  const row = await t.app.platform.database.asOwner((tx) =>
    tx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

describe("flows uploads", () => {
  it("stores a column of 12,000 distinct values (more than one statement can bind row by row)", async () => {
    const lines = ["period,measure,value,place"];
    for (let i = 1; i <= 12_000; i++) lines.push(`2021-03,arrivals,${i},place-${String(i).padStart(5, "0")}`);
    const response = await upload(`${lines.join("\n")}\n`, "name=places.csv&source=generic&label=places");
    expect(response.status, await response.clone().text()).toBe(201);
    const stored = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("flow_release_dimensions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("dimension", "=", "place")
        .executeTakeFirstOrThrow(),
    );
    expect(Number(stored.n)).toBe(12_000);
    const dims = await t.request("GET", "/api/v1/flows/dimensions?source=generic", { token });
    expect(dims.status).toBe(200);
  });

  it("answers /healthz while a multi-megabyte CBP file is imported", { skip: !hasRealData }, async () => {
    const file = largeCbpFile(4_000_000);
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
    const response = await upload(file, "name=large.csv&label=large");
    finished = true;
    await probing;
    expect(response.status, await response.clone().text()).toBe(201);
    const body = (await response.json()) as { files: { rows: number }[] };
    expect(body.files[0]?.rows).toBeGreaterThan(30_000);
    // Before, the whole import ran without giving the event loop a turn: no probe was answered until it ended.
    expect(answeredDuring).toBeGreaterThanOrEqual(5);
  });

  it("refuses a file whose error sits past its millionth byte, naming the line, and keeps nothing", async () => {
    const before = await Promise.all([
      count("flow_releases"),
      count("flow_observations"),
      count("flow_release_dimensions"),
    ]);
    const lines = ["period,measure,value,place"];
    for (let i = 1; i <= 40_000; i++) lines.push(`2022-05,arrivals,${i},somewhere-${i}`);
    lines.push("2022-05,arrivals,12x,nowhere");
    const response = await upload(`${lines.join("\n")}\n`, "name=broken.csv&source=generic&label=broken");
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toContain(`broken.csv, line ${lines.length}`);
    expect(error.message).toContain("nothing changed");
    expect(before[1]).toBeGreaterThan(0);
    const after = await Promise.all([
      count("flow_releases"),
      count("flow_observations"),
      count("flow_release_dimensions"),
    ]);
    expect(after).toEqual(before);
  });
});
