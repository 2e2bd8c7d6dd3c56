import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { memberKey } from "./engine/links-generator.ts";
import { DEMO_PROTECTED_CASE, NETWORKS_DEMO, networksDemoData, seedNetworksDemo } from "./networks.seed.ts";

// A smaller world than the demo server's (20,000 links) keeps the file quick; the same code loads both.
const size = { seed: 3, links: 6_000, linksPerRing: 1_500 };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe("networks demo data", () => {
  it("loads once, and from one ring phone the investigator reaches the planted ring", async () => {
    await seedNetworksDemo(t.app.platform, t.app.networks, size);
    await seedNetworksDemo(t.app.platform, t.app.networks, size);
    const data = networksDemoData(size);
    const scope = systemScope(NETWORKS_DEMO.nation, "test", ["investigator"]);
    const { matches } = await t.app.networks.search(scope, { type: "phone", value: data.ringPhone });
    expect(matches).toHaveLength(1);
    const community = await t.app.networks.communityOf(scope, matches[0]!.id);
    expect(community.flagged).toBe(true);
    const ring = new Set(data.rings[0]!.suspects);
    // Members are the suspects and the unknowns (places aside); the ring's clients and victims are listed apart.
    const members = community.members
      .filter((m) => !["waypoint", "route"].includes(m.entity.type))
      .map((m) => memberKey(m.entity.type, m.entity.value));
    const inRing = members.filter((m) => ring.has(m)).length;
    // Precision and recall of the ring's suspects in the smaller world (the full demo scores higher).
    expect(inRing / members.length).toBeGreaterThan(0.75);
    expect(inRing / ring.size).toBeGreaterThan(0.75);
    expect(community.keyActors.every((a) => a.reasons.length > 0)).toBe(true);
    const apart = new Set([...data.rings[0]!.clients, ...data.rings[0]!.victims]);
    const listed = [...community.clients, ...community.victims].map((e) => memberKey(e.type, e.value));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((k) => !apart.has(k))).toEqual([]);
    expect(community.keyActors.every((a) => ["suspect", "unknown"].includes(a.entity.role))).toBe(true);
    expect(community.clients.every((e) => e.role === "client")).toBe(true);
    // The demo's victim called the ring phone: a marker says so, and nothing of hers is in view.
    const around = await t.app.networks.neighbourhood(scope, matches[0]!.id);
    expect(around.protectedRecords.length).toBeGreaterThan(0);
    expect(JSON.stringify(around)).not.toMatch(/USA-PROT-0001|V-0001|2025550147/);
    const own = await t.app.networks.search(scope, { type: "phone", value: DEMO_PROTECTED_CASE.ownPhone });
    expect(own.matches).toEqual([]);
  }, 120_000);
});
