import type { EntityRole } from "../networks.contract.ts";
import { isNameType } from "./entities.ts";
import type { Link } from "./links-csv.ts";
import { roleCode, roleOfCode } from "./roles.ts";

/**
 * The link graph in compact form: entities numbered 0..n-1, every observation kept with its provenance,
 * and a symmetric adjacency (CSR) of distinct pairs with how often each pair was observed.
 */
export interface LinkGraph {
  nodeCount: number;
  types: string[];
  /** Index into `types` per node. */
  nodeType: Uint16Array;
  nodeId: string[];
  /** Role code per node (`roleOfCode`): 0 unknown unless a link stated one. */
  nodeRole: Uint8Array;
  caseIds: string[];
  kinds: string[];
  linkCount: number;
  linkSource: Int32Array;
  linkTarget: Int32Array;
  /** Day number, or `noDay` when not recorded. */
  linkDay: Int32Array;
  /** Index into `caseIds`, or -1. */
  linkCase: Int32Array;
  linkKind: Uint16Array;
  /** CSR over distinct neighbours: node i's neighbours are adjTarget[adjOffset[i] .. adjOffset[i+1]). */
  adjOffset: Int32Array;
  adjTarget: Int32Array;
  /** Observations of the pair. */
  adjCount: Int32Array;
  /** Distinct person/alias neighbours per node ("names" behind an identifier). */
  names: Int32Array;
  /** Distinct cases among the links touching each node. */
  caseSpread: Int32Array;
}

export const noDay = -2147483648;

/** One entity given two different roles: where each was stated (positions of the links, in add order). */
export interface RoleConflict {
  type: string;
  id: string;
  first: { at: number; role: EntityRole };
  second: { at: number; role: EntityRole; column: "source_role" | "target_role" };
}

/** Accumulates links one at a time (so a big file never sits in memory as objects) and builds the graph. */
export class LinkGraphBuilder {
  private readonly nodeIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();
  private readonly caseIndex = new Map<string, number>();
  private readonly kindIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly caseIds: string[] = [];
  private readonly kinds: string[] = [];
  private readonly nodeId: string[] = [];
  private nodeType = new Uint16Array(1024);
  private nodeRole = new Uint8Array(1024);
  /** Position of the link that first stated each node's role. */
  private roleStatedAt = new Int32Array(1024);
  private readonly conflicts: RoleConflict[] = [];
  private cols = { src: new Int32Array(1024), dst: new Int32Array(1024), day: new Int32Array(1024) };
  private cols2 = { kase: new Int32Array(1024), kind: new Uint16Array(1024) };
  private count = 0;
  /** Links whose two ends were the same entity, left out. */
  selfLinks = 0;

  /** Adds one observation; returns false when it links an entity to itself. */
  add(link: Link): boolean {
    const u = this.node(link.sourceType, link.sourceId);
    const v = this.node(link.targetType, link.targetId);
    if (u === v) {
      this.selfLinks++;
      return false;
    }
    if (this.count === this.cols.src.length) this.grow();
    const i = this.count++;
    this.stateRole(u, link.sourceRole, i, "source_role");
    this.stateRole(v, link.targetRole, i, "target_role");
    this.cols.src[i] = u;
    this.cols.dst[i] = v;
    this.cols.day[i] = link.observedDay ?? noDay;
    this.cols2.kase[i] = link.caseId === undefined ? -1 : intern(this.caseIndex, this.caseIds, link.caseId);
    this.cols2.kind[i] = intern(this.kindIndex, this.kinds, link.kind);
    return true;
  }

  /**
   * Observations added more than once (the same two entities, kind, day and case), as pairs of their add
   * positions [first, repeat], at most `limit`: a file giving one observation twice would count it twice.
   */
  repeatedLinks(limit: number): [number, number][] {
    const { src, dst, day } = this.cols;
    const { kase, kind } = this.cols2;
    const order = Int32Array.from({ length: this.count }, (_, i) => i);
    order.sort(
      (a, b) =>
        src[a]! - src[b]! ||
        dst[a]! - dst[b]! ||
        day[a]! - day[b]! ||
        kase[a]! - kase[b]! ||
        kind[a]! - kind[b]! ||
        a - b,
    );
    const found: [number, number][] = [];
    for (let k = 1; k < order.length && found.length < limit; k++) {
      const a = order[k - 1]!;
      const b = order[k]!;
      const same = src[a] === src[b] && dst[a] === dst[b] && day[a] === day[b] && kase[a] === kase[b];
      if (same && kind[a] === kind[b]) found.push([a, b]);
    }
    return found.sort((x, y) => x[1] - y[1]);
  }

  /**
   * Entities the links gave two different roles, at most `limit`, in the order found. Stating `unknown`, or no
   * role, never conflicts: it is what every entity is until someone decides.
   */
  roleConflicts(limit: number): RoleConflict[] {
    return this.conflicts.slice(0, limit);
  }

  private stateRole(
    node: number,
    role: EntityRole | undefined,
    at: number,
    column: RoleConflict["second"]["column"],
  ): void {
    if (role === undefined || role === "unknown") return;
    const code = roleCode(role);
    const held = this.nodeRole[node]!;
    if (held === 0) {
      this.nodeRole[node] = code;
      this.roleStatedAt[node] = at;
    } else if (held !== code) {
      this.conflicts.push({
        type: this.types[this.nodeType[node]!]!,
        id: this.nodeId[node]!,
        first: { at: this.roleStatedAt[node]!, role: roleOfCode(held) },
        second: { at, role, column },
      });
    }
  }

  /** Freezes what was added into a LinkGraph. */
  build(): LinkGraph {
    const n = this.nodeId.length;
    const m = this.count;
    const linkSource = this.cols.src.slice(0, m);
    const linkTarget = this.cols.dst.slice(0, m);
    const linkCase = this.cols2.kase.slice(0, m);
    const nodeType = this.nodeType.slice(0, n);
    const adj = buildAdjacency(n, linkSource, linkTarget);
    const nameType = this.types.map(isNameType);
    return {
      nodeCount: n,
      types: this.types,
      nodeType,
      nodeId: this.nodeId,
      nodeRole: this.nodeRole.slice(0, n),
      caseIds: this.caseIds,
      kinds: this.kinds,
      linkCount: m,
      linkSource,
      linkTarget,
      linkDay: this.cols.day.slice(0, m),
      linkCase,
      linkKind: this.cols2.kind.slice(0, m),
      ...adj,
      names: countNames(n, adj.adjOffset, adj.adjTarget, (j) => nameType[nodeType[j]!] === true),
      caseSpread: countCaseSpread(n, linkSource, linkTarget, linkCase, this.caseIds.length),
    };
  }

  private node(type: string, id: string): number {
    const key = `${type}\u0000${id}`;
    const found = this.nodeIndex.get(key);
    if (found !== undefined) return found;
    const index = this.nodeId.length;
    this.nodeIndex.set(key, index);
    this.nodeId.push(id);
    if (index === this.nodeType.length) {
      this.nodeType = growArray(this.nodeType);
      this.nodeRole = growArray(this.nodeRole);
      this.roleStatedAt = growArray(this.roleStatedAt);
    }
    this.nodeType[index] = intern(this.typeIndex, this.types, type);
    return index;
  }

  private grow(): void {
    this.cols = {
      src: growArray(this.cols.src),
      dst: growArray(this.cols.dst),
      day: growArray(this.cols.day),
    };
    this.cols2 = { kase: growArray(this.cols2.kase), kind: growArray(this.cols2.kind) };
  }
}

function intern(index: Map<string, number>, list: string[], value: string): number {
  const found = index.get(value);
  if (found !== undefined) return found;
  list.push(value);
  index.set(value, list.length - 1);
  return list.length - 1;
}

function growArray<T extends Int32Array | Uint16Array | Uint8Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

/** Builds the graph from a list of links (small inputs, tests). */
export function buildLinkGraph(links: Iterable<Link>): LinkGraph {
  const builder = new LinkGraphBuilder();
  for (const link of links) builder.add(link);
  return builder.build();
}

/** Symmetric CSR of distinct neighbour pairs, counting repeated observations of a pair. */
function buildAdjacency(n: number, src: Int32Array, dst: Int32Array) {
  const degree = new Int32Array(n + 1);
  for (let i = 0; i < src.length; i++) {
    degree[src[i]!]!++;
    degree[dst[i]!]!++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const raw = new Int32Array(start[n]!);
  for (let i = 0; i < src.length; i++) {
    raw[fill[src[i]!]!++] = dst[i]!;
    raw[fill[dst[i]!]!++] = src[i]!;
  }
  // Merge repeats per node with a "last seen" marker: linear, no sorting.
  const seenAt = new Int32Array(n).fill(-1);
  const adjOffset = new Int32Array(n + 1);
  const adjTarget = new Int32Array(raw.length);
  const adjCount = new Int32Array(raw.length);
  let out = 0;
  for (let i = 0; i < n; i++) {
    adjOffset[i] = out;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = raw[k]!;
      const at = seenAt[j]!;
      if (at >= adjOffset[i]!) adjCount[at]!++;
      else {
        seenAt[j] = out;
        adjTarget[out] = j;
        adjCount[out++] = 1;
      }
    }
  }
  adjOffset[n] = out;
  return { adjOffset, adjTarget: adjTarget.slice(0, out), adjCount: adjCount.slice(0, out) };
}

function countNames(n: number, offset: Int32Array, target: Int32Array, isName: (j: number) => boolean) {
  const names = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let k = offset[i]!; k < offset[i + 1]!; k++) if (isName(target[k]!)) c++;
    names[i] = c;
  }
  return names;
}

/** Distinct case ids per node, with per-node incidence lists and a marker array (linear time). */
function countCaseSpread(n: number, src: Int32Array, dst: Int32Array, kase: Int32Array, caseCount: number) {
  const spread = new Int32Array(n);
  const lastNode = new Int32Array(caseCount).fill(-1);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < src.length; i++) {
    start[src[i]! + 1]!++;
    start[dst[i]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const cases = new Int32Array(start[n]!);
  for (let i = 0; i < src.length; i++) {
    cases[fill[src[i]!]!++] = kase[i]!;
    cases[fill[dst[i]!]!++] = kase[i]!;
  }
  for (let i = 0; i < n; i++) {
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const c = cases[k]!;
      if (c < 0 || lastNode[c] === i) continue;
      lastNode[c] = i;
      spread[i]!++;
    }
  }
  return spread;
}
