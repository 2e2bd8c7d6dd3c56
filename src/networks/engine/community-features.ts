import { isIdentifierType, isNameType, isPlaceType } from "./entities.ts";
import type { CommunityFeatures } from "./indicators.ts";
import { type LinkGraph, noDay } from "./link-graph.ts";

/** Links touching each node, as CSR over link indices (so a node's observations can be read back). */
export interface Incidence {
  start: Int32Array;
  links: Int32Array;
}

/** Builds the per-node list of link indices. */
export function buildIncidence(graph: LinkGraph): Incidence {
  const n = graph.nodeCount;
  const start = new Int32Array(n + 1);
  for (let l = 0; l < graph.linkCount; l++) {
    start[graph.linkSource[l]! + 1]!++;
    start[graph.linkTarget[l]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const links = new Int32Array(start[n]!);
  for (let l = 0; l < graph.linkCount; l++) {
    links[fill[graph.linkSource[l]!]!++] = l;
    links[fill[graph.linkTarget[l]!]!++] = l;
  }
  return { start, links };
}

/** What the analysis knows about the whole graph while it describes one community. */
export interface GraphContext {
  graph: LinkGraph;
  labels: Int32Array;
  incidence: Incidence;
}

/** How one member identifier is used inside its community: names behind it and cases it appears in. */
export interface MemberUse {
  names: number;
  cases: number;
}

/** Names and cases behind a member, counting only links to other members of the same community. */
export function memberUse(ctx: GraphContext, node: number): MemberUse {
  const { graph, labels, incidence } = ctx;
  const names = new Set<number>();
  const cases = new Set<number>();
  for (let k = incidence.start[node]!; k < incidence.start[node + 1]!; k++) {
    const l = incidence.links[k]!;
    const other = graph.linkSource[l] === node ? graph.linkTarget[l]! : graph.linkSource[l]!;
    if (labels[other] !== labels[node]) continue;
    if (isNameType(graph.types[graph.nodeType[other]!]!)) names.add(other);
    if (graph.linkCase[l]! >= 0) cases.add(graph.linkCase[l]!);
  }
  return { names: names.size, cases: cases.size };
}

const featureOfType: Record<string, keyof CommunityFeatures> = {
  phone: "maxCasesPerPhone",
  account: "maxCasesPerAccount",
  vehicle: "maxCasesPerVehicle",
  plate: "maxCasesPerVehicle",
  handle: "maxCasesPerHandle",
  address: "maxCasesPerLodging",
  safehouse: "maxCasesPerLodging",
};

/** An identifier in this many of the community's cases ties separate cases together. */
const crossCaseMin = 3;

/** The measures the indicator pack tests, for one community. */
export function communityFeatures(ctx: GraphContext, members: Int32Array, uses: Map<number, MemberUse>) {
  const { graph } = ctx;
  const f: CommunityFeatures = {
    members: members.length,
    persons: 0,
    aliases: 0,
    cases: 0,
    maxCasesPerPhone: 0,
    maxCasesPerAccount: 0,
    maxCasesPerVehicle: 0,
    maxCasesPerHandle: 0,
    maxCasesPerLodging: 0,
    crossCaseIdentifiers: 0,
    groupMovement: groupMovement(ctx, members),
  };
  const cases = new Set<number>();
  for (const node of members) {
    const type = graph.types[graph.nodeType[node]!]!;
    if (type === "person") f.persons++;
    if (type === "alias") f.aliases++;
    for (let k = ctx.incidence.start[node]!; k < ctx.incidence.start[node + 1]!; k++) {
      const c = graph.linkCase[ctx.incidence.links[k]!]!;
      if (c >= 0) cases.add(c);
    }
    const use = uses.get(node);
    if (!use || !isIdentifierType(type)) continue;
    const feature = featureOfType[type];
    if (feature) f[feature] = Math.max(f[feature], use.cases);
    if (use.cases >= crossCaseMin) f.crossCaseIdentifiers++;
  }
  f.cases = cases.size;
  return f;
}

/** Most members seen at one place within one ISO week (a group moved together). */
function groupMovement(ctx: GraphContext, members: Int32Array): number {
  const { graph, incidence } = ctx;
  const seen = new Map<string, Set<number>>();
  let best = 0;
  for (const node of members) {
    for (let k = incidence.start[node]!; k < incidence.start[node + 1]!; k++) {
      const l = incidence.links[k]!;
      const day = graph.linkDay[l]!;
      if (day === noDay) continue;
      const other = graph.linkSource[l] === node ? graph.linkTarget[l]! : graph.linkSource[l]!;
      if (!isPlaceType(graph.types[graph.nodeType[other]!]!)) continue;
      const key = `${other}:${Math.floor((day + 3) / 7)}`;
      let group = seen.get(key);
      if (!group) {
        group = new Set();
        seen.set(key, group);
      }
      group.add(node);
      best = Math.max(best, group.size);
    }
  }
  return best;
}

/** How many links touching the community's members carry each of `kinds` (each link counted once). */
export function linkKindCounts(
  ctx: GraphContext,
  members: Int32Array,
  kinds: ReadonlySet<string>,
): Map<string, number> {
  const counts = new Map<string, number>();
  if (kinds.size === 0) return counts;
  const { graph, incidence } = ctx;
  const wanted = new Set<number>();
  graph.kinds.forEach((kind, index) => {
    if (kinds.has(kind)) wanted.add(index);
  });
  if (wanted.size === 0) return counts;
  const seen = new Set<number>();
  for (const node of members) {
    for (let k = incidence.start[node]!; k < incidence.start[node + 1]!; k++) {
      const l = incidence.links[k]!;
      const kind = graph.linkKind[l]!;
      if (!wanted.has(kind) || seen.has(l)) continue;
      seen.add(l);
      const name = graph.kinds[kind]!;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return counts;
}
