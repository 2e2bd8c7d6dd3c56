import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { publishPathway, simplePathway } from "./pathways.test-support.ts";

// What one nation publishes is read by the portal every nation shares: a pathway that cannot sit beside the
// others is refused when it is previewed, saved or published, and one that got in anyway is left out.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_MAX_PATHWAYS_PER_NATION = "3";

let t: TestApp;
let mex: string;
let col: string;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-shared");
  mex = (await userWithToken(t, "MEX", ["nation_admin"])).token;
  col = (await userWithToken(t, "COL", ["nation_admin"])).token;
});
afterAll(async () => {
  await t.close();
});

const asDate = { kind: "answer", question: "nationality", type: "date", onOrBefore: "2020-01-01" };
const hijacked = (rules: unknown[]) => ({ ...simplePathway("MEX", "mex-hijack"), rules });

async function save(token: string, id: string, definition: unknown) {
  return t.request("PUT", `/api/v1/pathways/catalog/${id}`, {
    token,
    body: { definition, effectiveFrom: "2020-01-01" },
  });
}
const publish = (token: string, id: string) =>
  t.request("POST", `/api/v1/pathways/catalog/${id}/publication`, { token, body: { published: true } });
const errorOf = async (res: Response) => ((await res.json()) as { error: { message: string } }).error;

async function portalWorks(): Promise<string[]> {
  const catalog = await t.request("GET", "/api/v1/portal/catalog?lang=en");
  expect(catalog.status).toBe(200);
  const screen = await t.request("POST", "/api/v1/portal/screen", {
    body: { lang: "en", answers: { nationality: "VEN" } },
  });
  expect(screen.status).toBe(200);
  const ids = ((await screen.json()) as { results: { id: string }[] }).results.map((r) => r.id);
  expect(ids).toContain("usa-shared");
  return ids;
}

describe("one nation's catalogue cannot take the shared portal down", () => {
  it("refuses a question id asked with another type at preview (409), naming the question", async () => {
    const res = await t.request("POST", "/api/v1/pathways/catalog/preview", {
      token: mex,
      body: { definition: hijacked([asDate]), answers: {}, lang: "en" },
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/nationality/);
  });

  it("refuses to publish it (409) and the portal keeps answering", async () => {
    expect((await save(mex, "mex-hijack", hijacked([asDate]))).status).toBe(200);
    const res = await publish(mex, "mex-hijack");
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/nationality.*country/);
    expect(await portalWorks()).not.toContain("mex-hijack");
  });

  it("refuses a new version of a published pathway that would clash", async () => {
    expect((await save(mex, "mex-fine", simplePathway("MEX", "mex-fine"))).status).toBe(200);
    expect((await publish(mex, "mex-fine")).status).toBe(200);
    const res = await save(mex, "mex-fine", { ...hijacked([asDate]), id: "mex-fine" });
    expect(res.status).toBe(409);
    expect(await portalWorks()).toContain("mex-fine");
  });

  it("refuses another nation's custom question with the same id and another type", async () => {
    const ask = { kind: "answer", question: "has_passport" };
    const first = {
      ...simplePathway("COL", "col-passport"),
      rules: [{ ...ask, type: "boolean", equals: true }],
    };
    expect((await save(col, "col-passport", first)).status).toBe(200);
    expect((await publish(col, "col-passport")).status).toBe(200);
    const clash = { ...simplePathway("MEX", "mex-passport"), rules: [{ ...ask, type: "number", min: 1 }] };
    expect((await save(mex, "mex-passport", clash)).status).toBe(200);
    const res = await publish(mex, "mex-passport");
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/has_passport.*COL:col-passport/);
  });

  it("refuses rewording a question every nation shares", async () => {
    const reworded = hijacked([
      {
        kind: "answer",
        question: "nationality",
        type: "country",
        in: ["VEN"],
        text: "Send us your bank PIN",
      },
    ]);
    const res = await t.request("POST", "/api/v1/pathways/catalog/preview", {
      token: mex,
      body: { definition: reworded, answers: {}, lang: "en" },
    });
    expect(res.status).toBe(409);
    const catalog = (await (await t.request("GET", "/api/v1/portal/catalog?lang=en")).json()) as {
      questions: { id: string; text: string }[];
    };
    expect(catalog.questions.find((q) => q.id === "nationality")?.text).not.toMatch(/PIN/);
  });

  it("leaves out a published pathway that no longer fits, logs it, and serves every other nation", async () => {
    // As if it had been published before these checks existed (or edited in the database).
    const scope = systemScope("MEX", "test");
    await t.app.pathways.catalog.save(scope, "mex-legacy", simplePathway("MEX", "mex-legacy"), "2020-01-01");
    await t.database.asOwner(async (tx) => {
      await tx
        .updateTable("pathway_versions")
        .set({ definition: JSON.stringify(hijacked([asDate])) })
        .where("tenant_id", "=", "MEX")
        .where("pathway_id", "=", "mex-legacy")
        .execute();
      await tx
        .updateTable("pathway_entries")
        .set({ published: true })
        .where("tenant_id", "=", "MEX")
        .where("id", "=", "mex-legacy")
        .execute();
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const ids = await portalWorks();
      expect(ids).not.toContain("mex-legacy");
      expect(ids).toContain("mex-fine");
      const status = await t.request("POST", "/api/v1/portal/status", {
        body: { trackingCode: "USA-AAAA-AAAA", secret: "x", lang: "en" },
      });
      expect(status.status).toBe(404);
      expect(logged.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/MEX:mex-legacy.*nationality/);
    } finally {
      logged.mockRestore();
    }
  });

  it("leaves out a published definition that no longer parses at all", async () => {
    const scope = systemScope("COL", "test");
    await t.app.pathways.catalog.save(scope, "col-broken", simplePathway("COL", "col-broken"), "2020-01-01");
    await t.database.asOwner(async (tx) => {
      await tx
        .updateTable("pathway_versions")
        .set({ definition: JSON.stringify({ rules: [{ kind: "no_such_kind" }] }) })
        .where("tenant_id", "=", "COL")
        .where("pathway_id", "=", "col-broken")
        .execute();
      await tx
        .updateTable("pathway_entries")
        .set({ published: true })
        .where("tenant_id", "=", "COL")
        .where("id", "=", "col-broken")
        .execute();
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await portalWorks()).not.toContain("col-broken");
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it("takes at most the configured number of pathways from one nation", async () => {
    const gtm = (await userWithToken(t, "GTM", ["nation_admin"])).token;
    const statuses: number[] = [];
    for (const n of [1, 2, 3, 4]) {
      expect((await save(gtm, `gtm-${n}`, simplePathway("GTM", `gtm-${n}`))).status).toBe(200);
      statuses.push((await publish(gtm, `gtm-${n}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 409]);
    expect((await publish(gtm, "gtm-3")).status).toBe(200);
    const withdraw = await t.request("POST", "/api/v1/pathways/catalog/gtm-1/publication", {
      token: gtm,
      body: { published: false },
    });
    expect(withdraw.status).toBe(200);
    expect((await publish(gtm, "gtm-4")).status).toBe(200);
  });
});
