import type { EntityRole } from "../networks.contract.ts";
import { findRouteBursts } from "./bursts.ts";
import { groupBetweenness, pageRank } from "./centrality.ts";
import { connectedComponents, detectCommunities, weightedForCommunities } from "./communities.ts";
import {
  buildIncidence,
  communityFeatures,
  type GraphContext,
  linkKindCounts,
  memberUse,
} from "./community-features.ts";
import { isIdentifierType } from "./entities.ts";
import { countedLinkKinds, evaluateIndicators, type IndicatorHit, type IndicatorPack } from "./indicators.ts";
import { pickKeyActors } from "./key-actors.ts";
import type { LinkGraph } from "./link-graph.ts";
import type { WeightedCsr } from "./louvain.ts";
import { mayBeActor, roleOfCode } from "./roles.ts";

/** The analysis tuned as ADR 0006 explains; every knob has a default. */
export interface AnalysisOptions {
  random: () => number;
  pack: IndicatorPack;
  /** Smallest community reported (default 3). */
  minCommunitySize?: number;
  /** Fewest names behind an identifier for it to be listed as a hub (default 3). */
  hubMinNames?: number;
  idfPower?: number;
  casePower?: number;
  density?: number;
  /** Betweenness is exact up to this many members, sampled from this many sources above (default 200). */
  betweennessSources?: number;
  /** Told when each stage starts, for progress on the terminal. */
  onStage?: (stage: string) => void;
}

export const defaultTuning = { idfPower: 4, casePower: 1, density: 0.001 } as const;

/** An entity of the report, with the role the links gave it (`unknown` unless one was stated). */
export interface ReportEntity {
  type: string;
  id: string;
  role: EntityRole;
}

export interface ReportMember extends ReportEntity {
  score: number;
}

export interface ReportCommunity {
  id: string;
  score: number;
  flagged: boolean;
  /** Every member, victims and clients included. */
  size: number;
  /** Suspects and members of unknown role, most central first. */
  members: ReportMember[];
  /** Victims and clients in the community, listed apart: never members in the suspects' sense, never key. */
  victims: ReportEntity[];
  clients: ReportEntity[];
  /** Suspects or unknowns only. */
  keyActors: (ReportEntity & { reasons: string[] })[];
  indicators: IndicatorHit[];
}

export interface NetworkReport {
  summary: {
    links: number;
    entities: number;
    components: number;
    largestComponent: number;
    communities: number;
  };
  communities: ReportCommunity[];
  hubs: { type: string; id: string; names: number; cases: number }[];
  bursts: { type: string; id: string; weekOf: string; links: number; usual: number }[];
}

/** Structure found in the graph: communities, PageRank, and the weighted graph both ran on. */
export interface NetworkStructure {
  weighted: WeightedCsr;
  labels: Int32Array;
  rank: Float64Array;
}

/** Communities and centrality: the heavy part, timed by the benchmark. */
export function findStructure(graph: LinkGraph, options: Omit<AnalysisOptions, "pack">): NetworkStructure {
  const tuning = {
    idfPower: options.idfPower ?? defaultTuning.idfPower,
    casePower: options.casePower ?? defaultTuning.casePower,
    density: options.density ?? defaultTuning.density,
  };
  options.onStage?.("communities");
  const weighted = weightedForCommunities(graph, tuning.idfPower, tuning.casePower);
  const labels = detectCommunities(weighted, { random: options.random, density: tuning.density });
  options.onStage?.("centrality");
  return { weighted, labels, rank: pageRank(weighted) };
}

/** Runs the whole analysis and describes it as the report investigators (and the CLI) read. */
export function analyseLinkGraph(graph: LinkGraph, options: AnalysisOptions): NetworkReport {
  const structure = findStructure(graph, options);
  options.onStage?.("describing");
  const components = componentSummary(graph);
  const ctx: GraphContext = { graph, labels: structure.labels, incidence: buildIncidence(graph) };
  const groups = groupByCommunity(structure.labels).filter(
    (m) => m.length >= (options.minCommunitySize ?? 3),
  );
  const communities = groups
    .map((members) => describeCommunity(ctx, structure, members, options))
    .sort((a, b) => b.score - a.score || b.size - a.size || firstId(a).localeCompare(firstId(b)))
    .map((c, i) => ({ ...c, id: `C${i + 1}` }));
  return {
    summary: {
      links: graph.linkCount,
      entities: graph.nodeCount,
      ...components,
      communities: communities.length,
    },
    communities,
    hubs: listHubs(graph, options.hubMinNames ?? 3),
    bursts: findRouteBursts(graph)
      .slice(0, 100)
      .map((b) => ({ ...entity(graph, b.node), weekOf: b.weekOf, links: b.links, usual: b.usual })),
  };
}

function entity(graph: LinkGraph, node: number): { type: string; id: string } {
  return { type: graph.types[graph.nodeType[node]!]!, id: graph.nodeId[node]! };
}

/** A community's most central entity, whatever its role: the tie-break that keeps the order stable. */
function firstId(c: ReportCommunity): string {
  return c.members[0]?.id ?? c.victims[0]?.id ?? c.clients[0]?.id ?? "";
}

function roled(graph: LinkGraph, node: number): ReportEntity {
  return { ...entity(graph, node), role: roleOfCode(graph.nodeRole[node]!) };
}

function describeCommunity(
  ctx: GraphContext,
  structure: NetworkStructure,
  members: Int32Array,
  options: AnalysisOptions,
): ReportCommunity {
  const uses = new Map(Array.from(members, (m) => [m, memberUse(ctx, m)] as const));
  const kinds = linkKindCounts(ctx, members, countedLinkKinds(options.pack));
  const { score, flagged, hits } = evaluateIndicators(
    options.pack,
    communityFeatures(ctx, members, uses),
    kinds,
  );
  const betweenness = groupBetweenness(structure.weighted, members, {
    maxSources: options.betweennessSources ?? 200,
    random: options.random,
  });
  const keyActors = pickKeyActors(ctx, structure.weighted, {
    members,
    rank: structure.rank,
    betweenness,
    uses,
  });
  let topRank = 0;
  for (const m of members) topRank = Math.max(topRank, structure.rank[m]!);
  const ranked = [...members].sort((a, b) => structure.rank[b]! - structure.rank[a]! || a - b);
  const all = ranked.map((m) => roled(ctx.graph, m));
  const ofRole = (role: EntityRole) => all.filter((m) => m.role === role);
  return {
    id: "",
    score,
    flagged,
    size: members.length,
    members: ranked.flatMap((m, i) =>
      mayBeActor(all[i]!.role)
        ? [{ ...all[i]!, score: topRank > 0 ? Math.round((structure.rank[m]! / topRank) * 1000) / 1000 : 0 }]
        : [],
    ),
    victims: ofRole("victim"),
    clients: ofRole("client"),
    keyActors: keyActors.map((a) => ({ ...roled(ctx.graph, a.node), reasons: a.reasons })),
    indicators: hits,
  };
}

/** Member lists per community label. */
export function groupByCommunity(labels: Int32Array): Int32Array[] {
  let k = 0;
  for (const c of labels) k = Math.max(k, c + 1);
  const start = new Int32Array(k + 1);
  for (const c of labels) start[c + 1]!++;
  for (let c = 0; c < k; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, k);
  const members = new Int32Array(labels.length);
  labels.forEach((c, i) => {
    members[fill[c]!++] = i;
  });
  return Array.from({ length: k }, (_, c) => members.subarray(start[c]!, start[c + 1]!));
}

function componentSummary(graph: LinkGraph): { components: number; largestComponent: number } {
  const labels = connectedComponents(graph);
  const sizes = new Map<number, number>();
  for (const c of labels) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  let largest = 0;
  for (const size of sizes.values()) largest = Math.max(largest, size);
  return { components: sizes.size, largestComponent: largest };
}

/** Identifiers with many names behind them, most first. */
export function listHubs(graph: LinkGraph, minNames: number): NetworkReport["hubs"] {
  const hubs: NetworkReport["hubs"] = [];
  for (let i = 0; i < graph.nodeCount; i++) {
    const type = graph.types[graph.nodeType[i]!]!;
    if (graph.names[i]! < minNames || !isIdentifierType(type)) continue;
    hubs.push({ type, id: graph.nodeId[i]!, names: graph.names[i]!, cases: graph.caseSpread[i]! });
  }
  return hubs.sort((a, b) => b.names - a.names || b.cases - a.cases || a.id.localeCompare(b.id));
}
