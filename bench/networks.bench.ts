// Counter-smuggling networks benchmark: build + communities + centrality on generated links with planted
// rings, scored for ring membership (suspects only: the clients and victims the file names count neither way),
// against graphology's Louvain and PageRank with their defaults.
// Usage: npm run bench:networks [-- --links 1000000 --anchor-links 1000000 --seed 7]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { UndirectedGraph } from "graphology";
import type * as LouvainModule from "graphology-communities-louvain";
import type * as PagerankModule from "graphology-metrics/centrality/pagerank.js";
import { analyseLinkGraph, findStructure } from "../src/networks/engine/analyze.ts";
import { createIdNormaliser, isPlaceType } from "../src/networks/engine/entities.ts";
import { parseIndicatorPack } from "../src/networks/engine/indicators.ts";
import { type LinkGraph, LinkGraphBuilder } from "../src/networks/engine/link-graph.ts";
import {
  type Link,
  linkColumns,
  parseLinkRecord,
  readLinksHeader,
} from "../src/networks/engine/links-csv.ts";
import { generateLinks, type LinkRow, type PlantedRing } from "../src/networks/engine/links-generator.ts";
import { type RingScore, scoreRings, suspectSizes } from "../src/networks/engine/ring-scoring.ts";
import { mayBeActor } from "../src/networks/engine/roles.ts";
import { seededRandom } from "../src/shared/seeded-random.ts";

// Both are CommonJS whose typings declare an ES default export; require gives the function itself.
const require = createRequire(import.meta.url);
const louvain = require("graphology-communities-louvain") as typeof LouvainModule.default.default;
const pagerank =
  require("graphology-metrics/centrality/pagerank.js") as typeof PagerankModule.default.default;

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const size = arg("links", 1_000_000);
const anchorSize = arg("anchor-links", size);
const seed = arg("seed", 7);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Generated rows, held in memory so generating them is not timed as building the graph. */
function generateRows(links: number): { rows: LinkRow[]; rings: PlantedRing[] } {
  const rows: LinkRow[] = [];
  const rings = generateLinks({ seed, links }, (row) => rows.push(row));
  return { rows, rings };
}

/** Feeds rows, parsed and normalised exactly as the CLI does, to `use`. */
function feed(rows: LinkRow[], use: (link: Link) => void): void {
  const { index } = readLinksHeader([...linkColumns]);
  const normaliseId = createIdNormaliser();
  rows.forEach((row, i) => {
    const { link } = parseLinkRecord(row, i + 2, index, normaliseId);
    if (link) use(link);
  });
}

function keyIndex(graph: LinkGraph): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < graph.nodeCount; i++)
    index.set(`${graph.types[graph.nodeType[i]!]}:${graph.nodeId[i]}`, i);
  return index;
}

function score(
  rings: PlantedRing[],
  communityOf: (key: string) => number | undefined,
  sizes: Map<number, number>,
) {
  return scoreRings(rings, communityOf, (c) => sizes.get(c) ?? 0);
}

/** Suspect-sized communities of the anchor (keys `type:id`): places, victims and clients left out, as for ours. */
function anchorSuspectSizes(
  communities: Record<string, number>,
  stated: Map<string, string>,
): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const [key, c] of Object.entries(communities)) {
    const role = stated.get(key) ?? "unknown";
    if (isPlaceType(key.slice(0, key.indexOf(":"))) || !mayBeActor(role as "unknown")) continue;
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
  }
  return sizes;
}

function runOwn() {
  const g0 = performance.now();
  const { rows, rings } = generateRows(size);
  const generateMs = performance.now() - g0;
  const c0 = cpuMs();
  const t0 = performance.now();
  const builder = new LinkGraphBuilder();
  feed(rows, (link) => builder.add(link));
  rows.length = 0;
  const graph = builder.build();
  const t1 = performance.now();
  const structure = findStructure(graph, { random: seededRandom(1) });
  const t2 = performance.now();
  const cpu = cpuMs() - c0;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const index = keyIndex(graph);
  const ringScore = score(
    rings,
    (k) => structure.labels[index.get(k) ?? -1],
    suspectSizes(graph, structure.labels),
  );
  const pack = parseIndicatorPack(
    JSON.parse(readFileSync("packs/networks/smuggling-indicators.json", "utf8")),
  );
  const t3 = performance.now();
  const report = analyseLinkGraph(graph, { random: seededRandom(1), pack });
  const describeMs = performance.now() - t3 - (t2 - t1);
  const flagged = report.communities.filter((c) => c.flagged).length;
  return {
    graph,
    rings,
    generateMs,
    cpu,
    buildMs: t1 - t0,
    analyseMs: t2 - t1,
    maxRss,
    ringScore,
    describeMs,
    flagged,
  };
}

function runAnchor(links: number) {
  const { rows, rings } = generateRows(links);
  // Roles the file states, read before the clock starts, to score the anchor's communities by the same rule.
  const stated = new Map<string, string>();
  feed(rows, (link) => {
    if (link.sourceRole) stated.set(`${link.sourceType}:${link.sourceId}`, link.sourceRole);
    if (link.targetRole) stated.set(`${link.targetType}:${link.targetId}`, link.targetRole);
  });
  const c0 = cpuMs();
  const t0 = performance.now();
  const graph = new UndirectedGraph();
  feed(rows, (link) => {
    const u = `${link.sourceType}:${link.sourceId}`;
    const v = `${link.targetType}:${link.targetId}`;
    if (u !== v) graph.mergeEdge(u, v);
  });
  const t1 = performance.now();
  const communities = louvain(graph);
  pagerank(graph);
  const t2 = performance.now();
  const cpu = cpuMs() - c0;
  const ringScore = score(rings, (k) => communities[k], anchorSuspectSizes(communities, stated));
  return { buildMs: t1 - t0, analyseMs: t2 - t1, cpu, ringScore };
}

function line(
  label: string,
  run: { buildMs: number; analyseMs: number; cpu: number; ringScore: RingScore },
  extra = "",
) {
  const { buildMs, analyseMs, ringScore: s } = run;
  console.log(
    `${label.padEnd(34)} cpu ${seconds(run.cpu).padStart(8)}  build ${seconds(buildMs).padStart(8)}  communities+centrality ${seconds(analyseMs).padStart(8)}` +
      `  total ${seconds(buildMs + analyseMs).padStart(8)}  precision ${pct(s.precision)}  recall ${pct(s.recall)}` +
      `  merged rings ${s.merged}/${s.rings}${extra}`,
  );
}

console.log(
  `networks bench: ${size.toLocaleString("en-US")} generated links, seed ${seed}, node ${process.version}`,
);
const own = runOwn();
console.log(
  `graph: ${own.graph.linkCount.toLocaleString("en-US")} links, ${own.graph.nodeCount.toLocaleString("en-US")} entities, ${own.rings.length} planted rings`,
);
console.log(
  `  (generating the rows took ${seconds(own.generateMs)}, not counted; wall times below, cpu = user + system)`,
);
line("own (CSR + IDF-weighted Louvain)", own, `  peak RSS ${mb(own.maxRss)}`);
console.log(
  `  full report (features, key actors, bursts) +${seconds(own.describeMs)}; flagged ${own.flagged} communities`,
);
const anchor = runAnchor(anchorSize);
line(`anchor graphology defaults @${anchorSize.toLocaleString("en-US")}`, anchor);
if (anchorSize === size) {
  const ratio = (anchor.buildMs + anchor.analyseMs) / (own.buildMs + own.analyseMs);
  console.log(
    `ratio: anchor time / own time = ${ratio.toFixed(2)}x wall, ${(anchor.cpu / own.cpu).toFixed(2)}x cpu`,
  );
} else {
  console.log("ratio: not comparable (anchor ran at a different size)");
}
console.log(
  `targets: total < 60 s ${own.buildMs + own.analyseMs < 60_000 ? "met" : "MISSED"}; memory < 4 GB ${own.maxRss < 4 * 1024 ** 3 ? "met" : "MISSED"}; precision and recall >= 0.9 ${own.ringScore.precision >= 0.9 && own.ringScore.recall >= 0.9 ? "met" : "MISSED"}`,
);
