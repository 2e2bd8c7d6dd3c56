import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import type { EntityRole } from "../networks.contract.ts";
import { analyseLinkGraph } from "./analyze.ts";
import { parseIndicatorPack } from "./indicators.ts";
import { buildLinkGraph } from "./link-graph.ts";
import type { Link } from "./links-csv.ts";

const pack = parseIndicatorPack(
  JSON.parse(
    readFileSync(new URL("../../../packs/networks/smuggling-indicators.json", import.meta.url), "utf8"),
  ),
);

/**
 * Four people call one phone and pay one account; V holds both in each of their cases, K is one more caller. Without
 * roles V is the obvious key actor; the test gives V and K roles and watches the ranking change.
 */
function network(roles: { V?: EntityRole; K?: EntityRole }): Link[] {
  const person = (id: string, type: string, target: string, kind: string, caseId: string): Link => ({
    sourceType: "person",
    sourceId: id,
    targetType: type,
    targetId: target,
    kind,
    caseId,
    ...(id === "V" && roles.V ? { sourceRole: roles.V } : {}),
    ...(id === "K" && roles.K ? { sourceRole: roles.K } : {}),
  });
  const links: Link[] = [];
  for (const i of [1, 2, 3, 4]) {
    links.push(person(`P${i}`, "phone", "+12025550100", "called", `C${i}`));
    links.push(person(`P${i}`, "account", "ACCT1", "paid_to", `C${i}`));
  }
  for (const i of [1, 2, 3, 4]) {
    links.push(person("V", "phone", "+12025550100", "uses_phone", `C${i}`));
    links.push(person("V", "account", "ACCT1", "controls", `C${i}`));
  }
  links.push(person("K", "phone", "+12025550100", "called", "C6"));
  links.push(person("K", "account", "ACCT1", "paid_to", "C6"));
  return links;
}

function analyse(roles: { V?: EntityRole; K?: EntityRole }) {
  const report = analyseLinkGraph(buildLinkGraph(network(roles)), { random: seededRandom(1), pack });
  const community = report.communities.find((c) =>
    [...c.members, ...c.victims, ...c.clients].some((m) => m.id === "V"),
  );
  if (!community) throw new Error("V is in no community");
  return community;
}

describe("key actors and roles", () => {
  it("names the central holder key while nobody has a role", () => {
    const c = analyse({});
    expect(c.keyActors.map((a) => a.id)).toContain("V");
    expect(c.members.map((m) => m.id)).toEqual(expect.arrayContaining(["V", "K"]));
    expect([c.victims, c.clients]).toEqual([[], []]);
  });

  it.each(["victim", "client"] as const)(
    "never names a %s key, and lists them apart from the members",
    (role) => {
      const c = analyse({ V: role, K: "client" });
      const ids = (list: { id: string }[]) => list.map((e) => e.id);
      expect(ids(c.keyActors)).not.toContain("V");
      expect(ids(c.keyActors)).not.toContain("K");
      expect(c.keyActors.length).toBeGreaterThan(0);
      expect(c.keyActors.every((a) => a.role === "suspect" || a.role === "unknown")).toBe(true);
      expect(ids(c.members)).not.toEqual(expect.arrayContaining(["V"]));
      expect(ids(c.members)).not.toContain("K");
      expect(ids(role === "victim" ? c.victims : c.clients)).toContain("V");
      expect(ids(c.clients)).toContain("K");
      // The community is still the same size: roles change who is named, not what was found.
      expect(c.size).toBe(analyse({}).size);
    },
  );

  it("keeps a suspect key, with its role on the entry", () => {
    const c = analyse({ V: "suspect" });
    expect(c.keyActors.find((a) => a.id === "V")?.role).toBe("suspect");
    expect(c.members.find((m) => m.id === "V")?.role).toBe("suspect");
  });
});
