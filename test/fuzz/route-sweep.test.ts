import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChains } from "../../src/platform/audit/audit-verify.ts";
import { startTestApp, type TestApp } from "../harness.ts";
import {
  type Caller,
  callersFor,
  changedCounts,
  countWrites,
  guardedTables,
  MARKER,
  plantNation,
  recordIds,
  writesSoFar,
} from "./fuzz-world.ts";
import { encodeLoosely, hostileRawBodies } from "./hostile-values.ts";
import { arbitraryFor, type JsonSchema, referencesIn, type Vocabulary } from "./schema-arbitrary.ts";

// Every route of the OpenAPI document, called by every role and by nobody, with inputs generated from its
// schema and hostile values in every position. Whatever arrives: no 5xx, nothing of another nation in any
// answer, another nation's ids answered as unknown, nothing written by a refused request, and an audit log
// that verifies at the end. FUZZ_RUNS (inputs per route and caller) and FUZZ_SEED widen or replay a sweep.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  mediaType: string | undefined;
  bodySchema: JsonSchema | undefined;
}

/** One request the sweep sends. */
interface Attempt {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** A body sent as it is, not serialised. */
  raw?: string;
  contentType?: string;
}

let t: TestApp;
let callers: Caller[];
let marked: Awaited<ReturnType<typeof plantNation>>;
let ownIds: string[];
let foreignIds: string[];
const knownStrings = ["USA", "MEX", "REG", "GTM", "USA-01", "usa-fuzz", "2026", "en", "es", "ht"];

// The routes come from the application's own document, so a route added later is swept without edits here.
t = await startTestApp();
const operations: Operation[] = await (async () => {
  const doc = (await (await t.request("GET", "/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      const mediaType = content ? Object.keys(content)[0] : undefined;
      return {
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        mediaType,
        bodySchema: mediaType ? content?.[mediaType]?.schema : undefined,
      };
    }),
  );
})();

beforeAll(async () => {
  callers = await callersFor(t);
  await plantNation(t, "USA", "Ordinary");
  marked = await plantNation(t, "MEX", MARKER);
  const spare = new Set<string>();
  for (const c of callers)
    if (c.token) {
      const me = (await (await t.request("GET", "/api/v1/auth/me", { token: c.token })).json()) as {
        user?: { id?: string };
      };
      if (me.user?.id) spare.add(me.user.id);
    }
  const tokens = await t.database.asOwner((tx) =>
    tx.selectFrom("api_tokens").select(["id", "user_id"]).execute(),
  );
  for (const row of tokens) if (spare.has(row.user_id)) spare.add(row.id);
  ownIds = await recordIds(t, "USA", spare);
  foreignIds = await recordIds(t, "MEX");
  await countWrites(t, await guardedTables(t));
}, 300_000);

afterAll(async () => {
  await t?.close();
});

function vocabulary(hostility: number, foreignOnly: boolean): Vocabulary {
  return { ownIds: foreignOnly ? foreignIds : ownIds, foreignIds, knownStrings, hostility };
}

function attemptsFor(op: Operation, hostility: number, foreignOnly: boolean): fc.Arbitrary<Attempt> {
  const words = vocabulary(hostility, foreignOnly);
  const group = (where: "path" | "query") => {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const p of op.parameters.filter((p) => p.in === where)) {
      model[p.name] = arbitraryFor(p.schema, words);
      if (p.required || where === "path") required.push(p.name);
    }
    return fc.record(model, { requiredKeys: required });
  };
  return fc.record({
    params: group("path"),
    query: group("query"),
    body: op.mediaType ? arbitraryFor(op.bodySchema, words) : fc.constant(undefined),
  });
}

function rawAttempts(op: Operation): fc.Arbitrary<Attempt> {
  return fc.record({
    params: attemptsFor(op, 0, false).map((a) => a.params),
    query: fc.constant({}),
    body: fc.constant(undefined),
    raw: fc.constantFrom(...hostileRawBodies),
    contentType: fc.constantFrom("application/json", "application/json", "text/plain", "text/csv"),
  });
}

function urlOf(op: Operation, a: Attempt): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeLoosely(text(a.params[name])));
  const query = Object.entries(a.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeLoosely(text(v))}`)
    .join("&");
  return `/api/v1${path}${query ? `?${query}` : ""}`;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

function bodyOf(op: Operation, a: Attempt): { body?: unknown; headers?: Record<string, string> } {
  if (a.raw !== undefined)
    return { body: a.raw, headers: { "content-type": a.contentType ?? "application/json" } };
  if (a.body === undefined) return {};
  if (op.mediaType && op.mediaType !== "application/json")
    return { body: text(a.body), headers: { "content-type": op.mediaType } };
  return { body: a.body };
}

/**
 * Whether this caller sends a raw body to this route: the edge reads bodies before it knows the caller, so
 * nobody and two callers that change from route to route are enough (every caller in a longer sweep).
 */
function rawCaller(opIndex: number, callerIndex: number): boolean {
  if (RUNS > 1 || callerIndex === 0) return true;
  const others = callers.length - 1;
  return callerIndex === 1 + (opIndex % others) || callerIndex === 1 + ((opIndex + 4) % others);
}

function seedFor(op: Operation, salt: number): number {
  let h = SEED ^ salt;
  for (const ch of `${op.method} ${op.path}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h | 0;
}

describe("route sweep", () => {
  it("sees what it guards: a write is counted, a rolled-back one is not, the marker is readable at home", async () => {
    const before = await writesSoFar(t);
    await t.database.asOwner((tx) =>
      tx.insertInto("offices").values({ tenant_id: "USA", id: "USA-FZ", name: "sweep check" }).execute(),
    );
    await t.database
      .asOwner(async (tx) => {
        await tx
          .insertInto("offices")
          .values({ tenant_id: "USA", id: "USA-FY", name: "rolled back" })
          .execute();
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(changedCounts(before, await writesSoFar(t))).toEqual(["offices (1 rows)"]);
    const home = await t.request("GET", "/api/v1/tokens", { token: marked.nation_admin });
    expect(await home.text()).toContain(MARKER);
  });

  for (const [opIndex, op] of operations.entries()) {
    it(`${op.method} ${op.path}`, async () => {
      const findings: string[] = [];
      const foreign = new Set(foreignIds);
      const valid = attemptsFor(op, 0, false);
      const hostile = attemptsFor(op, 3, false);
      const foreignOnly = attemptsFor(op, 0, true);
      const raw = op.mediaType ? rawAttempts(op) : undefined;
      let writes = await writesSoFar(t);
      for (const [index, caller] of callers.entries()) {
        const attempts = [
          ...fc.sample(valid, { seed: seedFor(op, index), numRuns: RUNS }),
          ...fc.sample(hostile, { seed: seedFor(op, index + 100), numRuns: RUNS }),
          ...fc.sample(foreignOnly, { seed: seedFor(op, index + 200), numRuns: 1 }),
          ...(raw && rawCaller(opIndex, index)
            ? fc.sample(raw, { seed: seedFor(op, index + 300), numRuns: 1 })
            : []),
        ];
        for (const a of attempts) {
          const url = urlOf(op, a);
          const res = await t.request(op.method, url, {
            ...(caller.token ? { token: caller.token } : {}),
            ...bodyOf(op, a),
          });
          const answer = await res.text();
          const who = caller.role ?? "nobody";
          const sent = `${url} ${a.raw === undefined ? text(a.body).slice(0, 300) : `<raw ${a.raw.length} chars>`}`;
          if (res.status >= 500) findings.push(`${who}: ${res.status} for ${sent}: ${answer.slice(0, 300)}`);
          if (answer.includes(MARKER)) findings.push(`${who}: another nation's data answered to ${sent}`);
          if (res.status < 300 && Object.values(a.params).some((v) => foreign.has(text(v))))
            findings.push(`${who}: ${res.status} for another nation's id in ${sent}`);
          if (
            res.status < 300 &&
            a.raw === undefined &&
            referencesIn(op.bodySchema, a.body).some((v) => foreign.has(v))
          )
            findings.push(
              `${who}: ${res.status} accepting a reference to another nation's record in ${sent}`,
            );
          const after = await writesSoFar(t);
          if (res.status >= 400 && res.status < 500) {
            const changed = changedCounts(writes, after);
            if (changed.length)
              findings.push(`${who}: ${res.status} yet wrote to ${changed.join(", ")} for ${sent}`);
          }
          writes = after;
        }
      }
      expect(findings).toEqual([]);
    }, 600_000);
  }

  it("leaves every nation's audit log verifiable", async () => {
    const reports = await verifyAuditChains(t.database);
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    expect(reports.find((r) => r.tenantId === "USA")?.events ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
