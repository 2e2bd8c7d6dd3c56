// What other capabilities may use from networks: the pure engine, never the CLI layer.
export {
  type AnalysisOptions,
  analyseLinkGraph,
  defaultTuning,
  findStructure,
  type NetworkReport,
  type ReportCommunity,
} from "./analyze.ts";
export { findRouteBursts, type RouteBurst } from "./bursts.ts";
export { groupBetweenness, pageRank } from "./centrality.ts";
export { connectedComponents, detectCommunities, weightedForCommunities } from "./communities.ts";
export {
  createIdNormaliser,
  isIdentifierType,
  isNameType,
  normaliseEntityId,
  normaliseEntityType,
  normalisePhone,
} from "./entities.ts";
export { generateLinks, type LinkRow, type PlantedRing } from "./generator.ts";
export { evaluateIndicators, type IndicatorPack, parseIndicatorPack } from "./indicators.ts";
export { findSharedIdentifiers, hashIdentifier, type SharedIdentifier } from "./keyed-hash.ts";
export { buildLinkGraph, type LinkGraph, LinkGraphBuilder } from "./link-graph.ts";
export { type Link, linkColumns, parseLinkRecord, readLinksHeader } from "./links-csv.ts";
export { louvainCommunities, modularity } from "./louvain.ts";
export { seededRandom } from "./random.ts";
export { type RingScore, scoreRings } from "./ring-scoring.ts";
