import type { GraphContext, MemberUse } from "./community-features.ts";
import { isIdentifierType, isPlaceType } from "./entities.ts";
import type { WeightedCsr } from "./louvain.ts";
import { mayBeActor, roleOfCode } from "./roles.ts";

/** A member singled out, with the reasons an investigator can check. */
export interface KeyActor {
  node: number;
  reasons: string[];
}

/** What key-actor selection needs about one community. */
export interface CommunityView {
  members: Int32Array;
  rank: Float64Array;
  /** Betweenness inside the community, aligned with `members`. */
  betweenness: Float64Array;
  uses: Map<number, MemberUse>;
}

/** Edges lighter than this (common identifiers, muted) do not count as bridges to another community. */
const bridgeMinWeight = 0.05;

/**
 * Whether a node may be named key: not a place (a station, a route is context), and a suspect or of unknown role —
 * never a victim or a client, however central: a ring's clients all call its phone, its victims sit at its centre.
 */
export function mayBeKeyActor(ctx: GraphContext, node: number): boolean {
  const { graph } = ctx;
  return !isPlaceType(graph.types[graph.nodeType[node]!]!) && mayBeActor(roleOfCode(graph.nodeRole[node]!));
}

/** Picks up to `limit` key actors of a community, each with the reasons that make it key. */
export function pickKeyActors(
  ctx: GraphContext,
  weighted: WeightedCsr,
  view: CommunityView,
  limit = 5,
): KeyActor[] {
  const reasons = new Map<number, string[]>();
  const add = (node: number, reason: string) => {
    if (!mayBeKeyActor(ctx, node)) return;
    const list = reasons.get(node) ?? [];
    list.push(reason);
    reasons.set(node, list);
  };
  const { members, rank } = view;
  if (members.length === 0) return [];
  const actors = members.filter((m) => mayBeKeyActor(ctx, m));
  if (actors.length === 0) return [];
  let top = actors[0]!;
  for (const m of actors) if (rank[m]! > rank[top]!) top = m;
  add(top, "highest PageRank in community");
  addBetweennessReason(ctx, view, add);
  for (const m of members) {
    describeSharing(ctx, m, add);
    const others = bridgedCommunities(ctx, weighted, m);
    if (others >= 2) add(m, `bridges ${others + 1} communities`);
  }
  describeHolders(ctx, view, add);
  return [...reasons]
    .sort((a, b) => b[1].length - a[1].length || rank[b[0]]! - rank[a[0]]! || a[0] - b[0])
    .slice(0, limit)
    .map(([node, list]) => ({ node, reasons: list }));
}

function addBetweennessReason(
  ctx: GraphContext,
  view: CommunityView,
  add: (node: number, reason: string) => void,
) {
  const n = view.members.length;
  if (n < 4) return;
  let best = -1;
  for (let i = 0; i < n; i++) {
    if (!mayBeKeyActor(ctx, view.members[i]!)) continue;
    if (best < 0 || view.betweenness[i]! > view.betweenness[best]!) best = i;
  }
  if (best < 0) return;
  const pairs = ((n - 1) * (n - 2)) / 2;
  const share = view.betweenness[best]! / pairs;
  if (share < 0.1) return;
  add(view.members[best]!, `on ${Math.round(share * 100)}% of shortest paths between other members`);
}

function describeSharing(ctx: GraphContext, node: number, add: (node: number, reason: string) => void): void {
  const { graph } = ctx;
  const type = graph.types[graph.nodeType[node]!]!;
  const names = graph.names[node]!;
  if (!isIdentifierType(type) || names < 3) return;
  const cases = graph.caseSpread[node]!;
  add(node, `${type} shared by ${names} people across ${cases} case${cases === 1 ? "" : "s"}`);
}

function bridgedCommunities(ctx: GraphContext, weighted: WeightedCsr, node: number): number {
  const own = ctx.labels[node];
  const seen = new Set<number>();
  for (let k = weighted.offset[node]!; k < weighted.offset[node + 1]!; k++) {
    const j = weighted.target[k]!;
    // Stations and routes join everyone; a bridge is a shared phone, account, house, person.
    if (weighted.weight[k]! < bridgeMinWeight || isPlaceType(ctx.graph.types[ctx.graph.nodeType[j]!]!))
      continue;
    const c = ctx.labels[j]!;
    if (c !== own) seen.add(c);
  }
  return seen.size;
}

/** People holding several of the community's shared identifiers, or using aliases: likely organisers. */
function describeHolders(
  ctx: GraphContext,
  view: CommunityView,
  add: (node: number, reason: string) => void,
) {
  const { graph, labels } = ctx;
  for (const m of view.members) {
    if (graph.types[graph.nodeType[m]!] !== "person") continue;
    let shared = 0;
    let aliases = 0;
    for (let k = graph.adjOffset[m]!; k < graph.adjOffset[m + 1]!; k++) {
      const j = graph.adjTarget[k]!;
      if (labels[j] !== labels[m]) continue;
      const type = graph.types[graph.nodeType[j]!]!;
      if (type === "alias") aliases++;
      else if ((view.uses.get(j)?.names ?? 0) >= 3 && isIdentifierType(type)) shared++;
    }
    if (aliases > 0) add(m, `uses ${aliases} alias${aliases === 1 ? "" : "es"}`);
    if (shared >= 2) add(m, `holds ${shared} identifiers the community shares`);
  }
}
