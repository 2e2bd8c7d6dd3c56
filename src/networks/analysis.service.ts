import { readFileSync } from "node:fs";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { seededRandom } from "../shared/seeded-random.ts";
import { analyseLinkGraph, type NetworkReport } from "./engine/analyze.ts";
import { type IndicatorPack, mergeIndicatorPacks, parseIndicatorPack } from "./engine/indicators.ts";
import { LinkGraphBuilder } from "./engine/link-graph.ts";
import { parseObservedDay } from "./engine/links-csv.ts";
import { parseRole } from "./engine/roles.ts";
import type { Audience } from "./link-visibility.store.ts";
import { type AnalysedLinkRow, networkVersion, visibleLinks } from "./networks.store.ts";

/** The analysis of what a nation's investigators may see; entity ids in the report are entity uuids. */
export interface NationAnalysis {
  report: NetworkReport;
  /** Index into `report.communities` per entity uuid (reported communities only; victims and clients too). */
  communityOf: Map<string, number>;
}

/** The indicator packs shipped with the platform: smuggling logistics, and trafficking (exploitation). */
export const defaultPackFiles = ["smuggling-indicators.json", "trafficking-indicators.json"].map(
  (name) => new URL(`../../packs/networks/${name}`, import.meta.url),
);

/** The shipped indicator packs, read as one. */
export function loadDefaultPack(): IndicatorPack {
  return mergeIndicatorPacks(
    defaultPackFiles.map((file) => parseIndicatorPack(JSON.parse(readFileSync(file, "utf8")))),
  );
}

/**
 * Runs the engine on the links of the scope's nation the audience may see, once per version of its data and
 * audience: the wall is applied before the graph is built, so nothing behind it can shape a community or a
 * reason, and what leaves the nation is computed without any protection record at all.
 */
export function createAnalysisCache(pack: IndicatorPack) {
  const cache = new Map<string, { version: string; analysis: Promise<NationAnalysis> }>();
  return async (tx: Tx, scope: Scope, audience: Audience): Promise<NationAnalysis> => {
    const version = await networkVersion(tx, scope);
    const key = `${scope.tenantId}:${audience}`;
    const held = cache.get(key);
    if (held?.version === version) return held.analysis;
    const analysis = analyseRows(await visibleLinks(tx, scope, audience), pack);
    cache.set(key, { version, analysis: Promise.resolve(analysis) });
    return analysis;
  };
}

function analyseRows(rows: AnalysedLinkRow[], pack: IndicatorPack): NationAnalysis {
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
      sourceRole: parseRole(r.source_role),
      targetRole: parseRole(r.target_role),
    });
  }
  const report = analyseLinkGraph(builder.build(), { random: seededRandom(1), pack });
  const communityOf = new Map<string, number>();
  report.communities.forEach((c, i) => {
    for (const m of [...c.members, ...c.victims, ...c.clients]) communityOf.set(m.id, i);
  });
  return { report, communityOf };
}
