import { describe, expect, it } from "vitest";
import { LinkGraphBuilder } from "./link-graph.ts";
import type { Link } from "./links-csv.ts";
import { roleOfCode } from "./roles.ts";

const link = (source: string, target: string, roles: Partial<Link> = {}): Link => ({
  sourceType: "person",
  sourceId: source,
  targetType: "phone",
  targetId: target,
  kind: "called",
  ...roles,
});

describe("roles in the link graph", () => {
  it("gives each entity the role a link stated; the rest stay unknown", () => {
    const builder = new LinkGraphBuilder();
    builder.add(link("P1", "+1", { sourceRole: "victim" }));
    builder.add(link("P2", "+1", { sourceRole: "suspect", targetRole: "unknown" }));
    builder.add(link("P1", "+2"));
    const graph = builder.build();
    const roleOf = (id: string) => roleOfCode(graph.nodeRole[graph.nodeId.indexOf(id)]!);
    expect([roleOf("P1"), roleOf("P2"), roleOf("+1"), roleOf("+2")]).toEqual([
      "victim",
      "suspect",
      "unknown",
      "unknown",
    ]);
    expect(builder.roleConflicts(10)).toEqual([]);
  });

  it("reports an entity given two roles, with where each was stated; unknown never conflicts", () => {
    const builder = new LinkGraphBuilder();
    builder.add(link("P1", "+1", { sourceRole: "client" }));
    builder.add(link("P1", "+2", { sourceRole: "unknown" }));
    builder.add(link("P1", "+3", { sourceRole: "client" }));
    builder.add(link("P1", "+4", { sourceRole: "victim" }));
    expect(builder.roleConflicts(10)).toEqual([
      {
        type: "person",
        id: "P1",
        first: { at: 0, role: "client" },
        second: { at: 3, role: "victim", column: "source_role" },
      },
    ]);
    expect(roleOfCode(builder.build().nodeRole[0]!)).toBe("client");
  });

  it("keeps roles of many entities as the arrays grow", () => {
    const builder = new LinkGraphBuilder();
    for (let i = 0; i < 3000; i++)
      builder.add(link(`P${i}`, `+${i}`, { sourceRole: i % 2 ? "suspect" : "client" }));
    const graph = builder.build();
    expect(roleOfCode(graph.nodeRole[graph.nodeId.indexOf("P2999")]!)).toBe("suspect");
    expect(roleOfCode(graph.nodeRole[graph.nodeId.indexOf("P2998")]!)).toBe("client");
  });
});
