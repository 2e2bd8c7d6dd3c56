import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BORDER_IMPORT_LIMIT } from "../src/border/border.routes.ts";
import { prepareBorderTenants } from "../src/border/border.test-support.ts";
import { FLOWS_UPLOAD_LIMIT } from "../src/flows/flows.routes.ts";
import { PLACEMENT_RUN_LIMIT } from "../src/placement/placement.routes.ts";
import { API_BODY_LIMIT, MiB } from "../src/platform/http/body-limit.ts";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// Every request body is bounded before anything reads it: 1 MiB for JSON routes, a larger limit declared by
// each upload route. Over the limit is 413 PAYLOAD_TOO_LARGE naming the limit, whether the sender declared the
// length or streamed the body in chunks, and nothing is written.

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  for (const role of ["nation_admin", "border_officer", "pathway_officer", "investigator"] as const)
    tokens[role] = (await userWithToken(t, "USA", [role])).token;
});
afterAll(async () => {
  await t.close();
});

const CHUNK = new Uint8Array(256 * 1024).fill(0x61);

/** A body of `total` bytes sent in chunks, with no content-length: the server only learns its size by reading. */
function chunked(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(CHUNK.byteLength, total - sent);
      controller.enqueue(CHUNK.subarray(0, n));
      sent += n;
    },
  });
}

type Body = string | ReadableStream<Uint8Array>;

async function send(path: string, token: string, contentType: string, body: Body, length?: number) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": contentType };
  if (length !== undefined) headers["content-length"] = String(length);
  const init = { method: "POST", headers, body, duplex: "half" } as RequestInit;
  return t.app.http.request(path, init);
}

async function expectTooLarge(response: Response, maxBytes: number, shown: string): Promise<void> {
  expect(response.status).toBe(413);
  const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
  expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
  expect(body.error.message).toContain(shown);
  expect(body.error.details).toEqual({ maxBytes });
}

/** Rows of every nation (as the owner: row-level security would hide them from the application's role). */
async function count(table: string): Promise<number> {
  const row = await t.app.platform.database.asOwner((tx) =>
    tx
      .selectFrom(table as "flow_releases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

const routes = [
  {
    name: "POST /flows/releases",
    path: "/api/v1/flows/releases?name=big.csv",
    role: "nation_admin",
    type: "text/csv",
    maxBytes: FLOWS_UPLOAD_LIMIT,
    shown: "32 MiB",
    table: "flow_releases",
  },
  {
    name: "POST /border/encounters/import",
    path: "/api/v1/border/encounters/import",
    role: "border_officer",
    type: "text/csv",
    maxBytes: BORDER_IMPORT_LIMIT,
    shown: "64 MiB",
    table: "border_imports",
  },
  {
    name: "POST /placement/runs",
    path: "/api/v1/placement/runs",
    role: "pathway_officer",
    type: "application/json",
    maxBytes: PLACEMENT_RUN_LIMIT,
    shown: "64 MiB",
    table: "placement_runs",
  },
  {
    name: "POST /networks/links (a JSON route)",
    path: "/api/v1/networks/links",
    role: "investigator",
    type: "application/json",
    maxBytes: API_BODY_LIMIT,
    shown: "1 MiB",
    table: "network_links",
  },
] as const;

describe("body limits", () => {
  it("answers 413 at once when the declared length is over the limit (the body is never read)", async () => {
    for (const r of routes) {
      const before = await count(r.table);
      const response = await send(r.path, tokens[r.role] as string, r.type, chunked(16), r.maxBytes + 1);
      await expectTooLarge(response, r.maxBytes, r.shown);
      expect(await count(r.table), r.name).toBe(before);
    }
  });

  it("answers 413 for a chunked body (no content-length) once its bytes pass the limit", async () => {
    for (const r of routes) {
      const before = await count(r.table);
      const response = await send(r.path, tokens[r.role] as string, r.type, chunked(r.maxBytes + 1));
      await expectTooLarge(response, r.maxBytes, r.shown);
      expect(await count(r.table), r.name).toBe(before);
    }
  });

  it("lets a body of exactly the limit through to the route", async () => {
    // A JSON body at the limit reaches the route, which refuses it for what it says, not for its size.
    const padding = "x".repeat(API_BODY_LIMIT - 20);
    const body = JSON.stringify({ padding });
    expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(API_BODY_LIMIT);
    const response = await send(
      "/api/v1/networks/links",
      tokens.investigator as string,
      "application/json",
      body,
    );
    expect(response.status).toBe(400);
  });

  it("gives each upload route more than the API's limit: a body over 1 MiB is read, not refused", async () => {
    // A 2 MiB statistics file is parsed whole: its last row has no number, so it is refused by line and
    // column (not by size), and nothing of it is kept.
    const lines = ["period,measure,value,place"];
    while (lines.length * 26 < 2 * MiB) lines.push(`2020-01,arrivals,${lines.length},place-${lines.length}`);
    lines.push("2020-01,arrivals,many,place-last");
    const releases = await count("flow_releases");
    const observations = await count("flow_observations");
    const flows = await send(
      "/api/v1/flows/releases?name=places.csv&source=generic",
      tokens.nation_admin as string,
      "text/csv",
      `${lines.join("\n")}\n`,
    );
    expect(flows.status).toBe(400);
    expect(await flows.text()).toContain(`places.csv, line ${lines.length}`);
    expect(await count("flow_releases")).toBe(releases);
    expect(await count("flow_observations")).toBe(observations);

    // A 1.5 MiB encounter file is read row by row: its last row's port is too long, so it is refused by line
    // and field (not by size), and nothing of it is kept.
    const encounters = ["date,demographic,citizenship,port"];
    while (encounters.length * 100 < 1.5 * MiB)
      encounters.push(`2022-01-10,single_adult,MEX,${"P".repeat(70)}`);
    encounters.push(`2022-01-10,single_adult,MEX,${"P".repeat(81)}`);
    const imports = await count("border_imports");
    const encountersBefore = await count("border_encounters");
    const border = await send(
      "/api/v1/border/encounters/import?fileName=big.csv",
      tokens.border_officer as string,
      "text/csv",
      `${encounters.join("\n")}\n`,
    );
    expect(border.status).toBe(400);
    expect(await border.text()).toContain(`big.csv, line ${encounters.length}, field port`);
    expect(await count("border_imports")).toBe(imports);
    expect(await count("border_encounters")).toBe(encountersBefore);

    // Placement's JSON body of 2 MiB reaches the route, which reads its CSV texts (and refuses these).
    const texts = { source: "csv", cases: "x".repeat(MiB), places: "y".repeat(MiB), scores: "z" };
    const placement = await send(
      "/api/v1/placement/runs",
      tokens.pathway_officer as string,
      "application/json",
      JSON.stringify(texts),
    );
    expect(placement.status).toBe(400);
  });
});
