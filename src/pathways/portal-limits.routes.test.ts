import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { type Application, createApplication } from "../app.ts";
import { createHttpApp } from "../platform/http/http-app.ts";
import { proofFor, publishPathway, testLimit } from "./pathways.test-support.ts";
import { portalRoutes } from "./portal.routes.ts";

// The portal's limits under concurrent load: per client address (in memory), and per nation across every client
// and server process (in the database). Each nation's budget here: 10 at once, refilled one a minute.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "1";
process.env.HEMISPHERE_PORTAL_NATION_BURST = "10";

let t: TestApp;
let second: Application;
beforeAll(async () => {
  t = await startTestApp();
  for (const nation of ["MEX", "COL", "GTM", "BRA"]) {
    await publishPathway(t.app.pathways, nation, `${nation.toLowerCase()}-limits`);
  }
  // A second application on the same database: another server process's worth of in-memory state.
  second = await createApplication(t.app.platform.config, { database: t.database });
});
afterAll(async () => {
  await t.close();
});

const proxied = new Map<Application, ReturnType<typeof createHttpApp>>();
/** The portal as it runs behind a proxy: the client address is the first X-Forwarded-For hop. */
function behindProxy(app: Application) {
  let http = proxied.get(app);
  if (!http) {
    const router = portalRoutes(app.pathways, { trustProxy: true });
    http = createHttpApp(app.platform, [{ path: "/portal", router }]);
    proxied.set(app, http);
  }
  return http;
}

function apply(app: Application, nation: string, address: string) {
  return behindProxy(app).request("/api/v1/portal/applications", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({
      lang: "es",
      nation,
      pathwayId: `${nation.toLowerCase()}-limits`,
      answers: { nationality: "VEN" },
      consent: true,
      proof: proofFor(app.pathways),
    }),
  });
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
const stored = (nation: string) =>
  t.database.asOwner(async (tx) =>
    Number(
      (
        await tx
          .selectFrom("pathway_applications")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("tenant_id", "=", nation)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

describe("portal limits under concurrent load", () => {
  it("takes one nation's budget of applications from 30 addresses at once and refuses the rest with Retry-After", async () => {
    const flood = await Promise.all(
      Array.from({ length: 30 }, (_, i) => apply(t.app, "MEX", `203.0.113.${i}`)),
    );
    const statuses = flood.map((r) => r.status);
    expect(count(statuses, 200)).toBe(10);
    expect(count(statuses, 429)).toBe(20);
    for (const refused of flood.filter((r) => r.status === 429)) {
      const wait = Number(refused.headers.get("retry-after"));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
    }
    expect(await stored("MEX")).toBe(10);
  });

  it("leaves other nations' portals open while one nation is flooded", async () => {
    const [flood, others] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, (_, i) => apply(t.app, "MEX", `198.51.100.${i}`))),
      Promise.all(Array.from({ length: 8 }, (_, i) => apply(t.app, "COL", `192.0.2.${i}`))),
    ]);
    expect(
      count(
        flood.map((r) => r.status),
        429,
      ),
    ).toBe(20);
    expect(others.map((r) => r.status)).toEqual(Array(8).fill(200));
  });

  it("holds one budget across server processes sharing the database", async () => {
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        apply(i % 2 === 0 ? t.app : second, "GTM", `203.0.113.${100 + i}`),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(count(statuses, 200)).toBe(10);
    expect(count(statuses, 429)).toBe(14);
    expect(await stored("GTM")).toBe(10);
  });

  it("limits one address whatever it sends at once", async () => {
    const saved = t.app.pathways.limits.applies;
    t.app.pathways.limits.applies = testLimit(t, 3);
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => apply(t.app, "BRA", "203.0.113.250")),
      );
      const statuses = answers.map((r) => r.status);
      expect(count(statuses, 200)).toBe(3);
      expect(count(statuses, 429)).toBe(9);
      expect(answers.every((r) => r.status !== 429 || Number(r.headers.get("retry-after")) > 0)).toBe(true);
      const elsewhere = await apply(t.app, "BRA", "203.0.113.251");
      expect(elsewhere.status).toBe(200);
    } finally {
      t.app.pathways.limits.applies = saved;
    }
  });
});
