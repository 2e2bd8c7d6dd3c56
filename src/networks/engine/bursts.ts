import { isPlaceType } from "./entities.ts";
import { type LinkGraph, noDay } from "./link-graph.ts";
import { formatDay } from "./links-csv.ts";

/** A week in which a route or waypoint saw far more traffic than it usually does. */
export interface RouteBurst {
  node: number;
  /** Monday of the ISO week (YYYY-MM-DD). */
  weekOf: string;
  links: number;
  /** Mean links per week at that place over the whole period the data covers. */
  usual: number;
}

/** Options for burst detection. */
export interface BurstOptions {
  /** A burst has at least this many links in its week. */
  minLinks: number;
  /** …and at least this many times the usual weekly count. */
  ratio: number;
}

/** Weeks on routes and waypoints whose link count is both large and well above that place's usual week. */
export function findRouteBursts(
  graph: LinkGraph,
  options: BurstOptions = { minLinks: 8, ratio: 3 },
): RouteBurst[] {
  const isPlace = graph.types.map(isPlaceType);
  const weekly = new Map<number, Map<number, number>>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let l = 0; l < graph.linkCount; l++) {
    const day = graph.linkDay[l]!;
    if (day === noDay) continue;
    first = Math.min(first, day);
    last = Math.max(last, day);
    for (const node of [graph.linkSource[l]!, graph.linkTarget[l]!]) {
      if (!isPlace[graph.nodeType[node]!]) continue;
      let weeks = weekly.get(node);
      if (!weeks) {
        weeks = new Map();
        weekly.set(node, weeks);
      }
      const week = Math.floor((day + 3) / 7);
      weeks.set(week, (weeks.get(week) ?? 0) + 1);
    }
  }
  // A place used only during three weeks of a two-year record is bursting in those weeks.
  const span = Math.max(1, Math.floor((last + 3) / 7) - Math.floor((first + 3) / 7) + 1);
  const bursts: RouteBurst[] = [];
  for (const [node, weeks] of weekly) {
    let total = 0;
    for (const c of weeks.values()) total += c;
    const usual = total / span;
    for (const [week, links] of weeks) {
      if (links >= options.minLinks && links >= options.ratio * usual) {
        bursts.push({ node, weekOf: formatDay(week * 7 - 3), links, usual: Math.round(usual * 100) / 100 });
      }
    }
  }
  return bursts.sort((a, b) => b.links / b.usual - a.links / a.usual || a.node - b.node);
}
