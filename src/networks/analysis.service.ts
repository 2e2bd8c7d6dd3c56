import { readFileSync } from "node:fs";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { analyseLinkGraph, type NetworkReport } from "./analyze.ts";
import { type IndicatorPack, parseIndicatorPack } from "./indicators.ts";
import { LinkGraphBuilder } from "./link-graph.ts";
import { parseObservedDay } from "./links-csv.ts";
import { networkVersion, visibleLinks } from "./networks.store.ts";
import { seededRandom } from "./random.ts";

/** The analysis of what a nation's investigators may see; entity ids in the report are entity uuids. */
export interface NationAnalysis {
  report: NetworkReport;
  /** Index into `report.communities` per entity uuid (reported communities only). */
  communityOf: Map<string, number>;
}

const defaultPackFile = new URL("../../packs/networks/trafficking-indicators.json", import.meta.url);

/** The indicator pack shipped with the platform. */
export function loadDefaultPack(): IndicatorPack {
  return parseIndicatorPack(JSON.parse(readFileSync(defaultPackFile, "utf8")));
}

/**
 * Runs the engine on the visible links of the scope's nation, once per version of its data: the wall is applied
 * before the graph is built, so nothing behind it can shape a community or a reason.
 */
export function createAnalysisCache(pack: IndicatorPack) {
  const cache = new Map<string, { version: string; analysis: Promise<NationAnalysis> }>();
  return async (tx: Tx, scope: Scope): Promise<NationAnalysis> => {
    const version = await networkVersion(tx, scope);
    const held = cache.get(scope.tenantId);
    if (held?.version === version) return held.analysis;
    const analysis = analyseRows(await visibleLinks(tx, scope), pack);
    cache.set(scope.tenantId, { version, analysis: Promise.resolve(analysis) });
    return analysis;
  };
}

function analyseRows(rows: Awaited<ReturnType<typeof visibleLinks>>, pack: IndicatorPack): NationAnalysis {
  const builder = new LinkGraphBuilder();
  for (const r of rows) {
    builder.add({
      sourceType: r.source_type,
      sourceId: r.source_id,
      targetType: r.target_type,
      targetId: r.target_id,
      kind: r.kind,
      observedDay: r.observed_on ? parseObservedDay(r.observed_on) : undefined,
      caseId: r.case_ref ?? undefined,
    });
  }
  const report = analyseLinkGraph(builder.build(), { random: seededRandom(1), pack });
  const communityOf = new Map<string, number>();
  report.communities.forEach((c, i) => {
    for (const m of c.members) communityOf.set(m.id, i);
  });
  return { report, communityOf };
}
