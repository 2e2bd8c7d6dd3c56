import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/seeded-random.ts";
import { analyseLinkGraph } from "./engine/analyze.ts";
import { groupBetweenness, pageRank } from "./engine/centrality.ts";
import { connectedComponents } from "./engine/communities.ts";
import { parseIndicatorPack } from "./engine/indicators.ts";
import { buildLinkGraph } from "./engine/link-graph.ts";
import type { Link } from "./engine/links-csv.ts";
import { louvainCommunities, modularity, type WeightedCsr } from "./engine/louvain.ts";

const pack = parseIndicatorPack(
  JSON.parse(
    readFileSync(new URL("../../packs/networks/smuggling-indicators.json", import.meta.url), "utf8"),
  ),
);

const link = (s: string, t: string, caseId?: string, day?: number): Link => {
  const [sourceType, sourceId] = s.split(":") as [string, string];
  const [targetType, targetId] = t.split(":") as [string, string];
  return { sourceType, sourceId, targetType, targetId, kind: "linked", caseId, observedDay: day };
};

/** Two smuggling rings and a dozen families, all passing one bus terminal and one money agent. */
function world(): Link[] {
  const links: Link[] = [];
  for (const ring of ["A", "B"]) {
    for (const op of [1, 2]) {
      links.push(link(`person:${ring}op${op}`, `phone:+5255000${ring === "A" ? 1 : 2}`, `INV-${ring}`));
      links.push(link(`alias:el-${ring}${op}`, `person:${ring}op${op}`, `INV-${ring}`));
      links.push(link(`person:${ring}op${op}`, `account:${ring}-acct`, `INV-${ring}`));
    }
    for (let c = 1; c <= 7; c++) {
      const person = `person:${ring}client${c}`;
      const caseId = `CASE-${ring}${c}`;
      links.push(link(person, `phone:+5255000${ring === "A" ? 1 : 2}`, caseId, 19800 + c));
      links.push(link(person, `account:${ring}-acct`, caseId, 19800 + c));
      links.push(link(person, `safehouse:${ring}-house`, caseId, 19800 + c));
      links.push(link(person, "waypoint:terminal norte", caseId, 19800 + c));
      links.push(link(person, "account:remit-agent", caseId));
      // Each client's family shares a phone and a home with them: relatives, not ring members.
      for (const relative of [1, 2, 3]) {
        links.push(link(`person:${ring}client${c}r${relative}`, `phone:+50266${ring}${c}`, caseId));
        links.push(link(`person:${ring}client${c}r${relative}`, `address:${ring}${c} home`, caseId));
      }
      links.push(link(person, `phone:+50266${ring}${c}`, caseId));
      links.push(link(person, `address:${ring}${c} home`, caseId));
    }
  }
  for (let f = 1; f <= 12; f++) {
    for (let m = 1; m <= 3; m++) {
      const person = `person:F${f}m${m}`;
      links.push(link(person, `phone:+50255${f}`, `FAM-${f}`));
      links.push(link(person, `address:home ${f}`, `FAM-${f}`));
      links.push(link(person, "waypoint:terminal norte", `FAM-${f}`, 19700 + f * 3));
      if (m === 1) links.push(link(person, "account:remit-agent", `FAM-${f}`));
    }
  }
  return links;
}

describe("analyseLinkGraph on a hand-made world", () => {
  const graph = buildLinkGraph(world());
  const report = analyseLinkGraph(graph, { random: seededRandom(1), pack });
  const communityOf = (type: string, id: string) =>
    report.communities.find((c) => c.members.some((m) => m.type === type && m.id === id));

  it("finds a ring from one of its phones, without the families or the other ring", () => {
    const ring = communityOf("phone", "+52550001");
    const ids = ring?.members.map((m) => m.id) ?? [];
    expect(ids).toEqual(
      expect.arrayContaining(["Aop1", "Aop2", "Aclient1", "Aclient7", "A-acct", "A-house"]),
    );
    expect(ids.filter((id) => id.startsWith("B") || id.startsWith("F") || /r\d$|home/.test(id))).toEqual([]);
    expect(ring?.flagged).toBe(true);
  });

  it("does not let the terminal or the money agent glue the world into one community", () => {
    expect(communityOf("phone", "+52550002")?.id).not.toBe(communityOf("phone", "+52550001")?.id);
    expect(communityOf("phone", "+502551")?.flagged).toBe(false);
    expect(report.summary.components).toBe(1);
  });

  it("explains why the ring's key actors are key", () => {
    const ring = communityOf("phone", "+52550001")!;
    const reasons = ring.keyActors.flatMap((a) => a.reasons);
    expect(reasons).toContain("phone shared by 9 people across 8 cases");
    expect(reasons.some((r) => r.startsWith("uses 1 alias"))).toBe(true);
    expect(ring.keyActors.every((a) => a.type !== "waypoint")).toBe(true);
    expect(ring.indicators.map((i) => i.id)).toEqual(expect.arrayContaining(["shared-phone", "aliases"]));
  });

  it("lists hubs by the names behind them", () => {
    expect(report.hubs[0]).toEqual({ type: "account", id: "remit-agent", names: 26, cases: 26 });
    expect(report.hubs).toContainEqual({ type: "phone", id: "+52550001", names: 9, cases: 8 });
    expect(report.hubs.some((h) => h.type === "waypoint")).toBe(false);
  });

  it("sees the burst of clients through the terminal", () => {
    expect(report.bursts[0]).toMatchObject({ type: "waypoint", id: "terminal norte" });
  });
});

/** Symmetric CSR from an edge list, unit weights. */
function csr(n: number, edges: [number, number][]): WeightedCsr {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    lists[a]!.push(b);
    lists[b]!.push(a);
  }
  const offset = new Int32Array(n + 1);
  lists.forEach((l, i) => {
    offset[i + 1] = offset[i]! + l.length;
  });
  const target = Int32Array.from(lists.flat());
  return {
    n,
    offset,
    target,
    weight: new Float64Array(target.length).fill(1),
    selfWeight: new Float64Array(n),
  };
}

const clique = (nodes: number[]) =>
  nodes.flatMap((a, i) => nodes.slice(i + 1).map((b) => [a, b] as [number, number]));

describe("graph algorithms", () => {
  it("Louvain separates two cliques joined by one edge", () => {
    const g = csr(8, [...clique([0, 1, 2, 3]), ...clique([4, 5, 6, 7]), [3, 4]]);
    const labels = louvainCommunities(g, { resolution: 1, random: seededRandom(3) });
    expect(new Set(labels.slice(0, 4)).size).toBe(1);
    expect(new Set(labels.slice(4)).size).toBe(1);
    expect(labels[0]).not.toBe(labels[4]);
    expect(modularity(g, labels)).toBeCloseTo(0.423, 3);
  });

  it("PageRank puts the centre of a star first and sums to one", () => {
    const rank = pageRank(
      csr(5, [
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
      ]),
    );
    expect(rank.reduce((s, r) => s + r, 0)).toBeCloseTo(1, 9);
    expect(Math.max(...rank)).toBe(rank[0]);
  });

  it.each([
    { maxSources: 10, expected: [0, 3, 4, 3, 0] },
    { maxSources: 5, expected: [0, 3, 4, 3, 0] },
  ])("betweenness on a path (sources ≤ $maxSources)", ({ maxSources, expected }) => {
    const g = csr(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const score = groupBetweenness(g, Int32Array.from([0, 1, 2, 3, 4]), {
      maxSources,
      random: seededRandom(1),
    });
    expect(Array.from(score)).toEqual(expected);
  });

  it("counts connected components", () => {
    const graph = buildLinkGraph([
      link("person:a", "phone:1"),
      link("person:b", "phone:1"),
      link("person:c", "phone:2"),
    ]);
    expect(new Set(connectedComponents(graph)).size).toBe(2);
  });
});
