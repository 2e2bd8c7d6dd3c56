// What other capabilities may use from networks: the pure engine, the platform side, never the CLI layer.
import { type Migration, migrationsFromDir } from "../platform/db/migrate.ts";

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

// The platform side: migrations, the service (ingest, workspace, wall, sharing), routes and the demo seeder.

export { networksEncryptedColumns } from "./entity-codec.service.ts";
export type { IngestInput, IngestResult, ObservationOrigin } from "./ingest.service.ts";
export { networksRoutes } from "./networks.routes.ts";
export { createNetworksService, ingestObservations, type NetworksService } from "./networks.service.ts";
export {
  DEMO_PROTECTED_CASE,
  NETWORKS_DEMO,
  networksDemoData,
  seedNetworksDemo,
} from "./networks-demo.seed.ts";
export { type EntityRef, type IdentifierObservation, observationFromRow } from "./observations.ts";

/** The networks migrations, to run after the platform's. */
export function networksMigrations(): Migration[] {
  return migrationsFromDir("networks", new URL("./migrations/", import.meta.url));
}
