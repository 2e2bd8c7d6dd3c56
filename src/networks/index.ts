// What other capabilities may use from networks: the pure engine, the platform side, never the CLI layer.
import { encryptPlaintextValues } from "../platform/crypto/encrypt-stored.ts";
import { type Migration, migrationsFromDir, withDataStep } from "../platform/db/migrate.ts";
import { NETWORK_TEXT_COLUMNS } from "./network-text.codec.ts";

export {
  type AnalysisOptions,
  analyseLinkGraph,
  defaultTuning,
  findStructure,
  type NetworkReport,
  type ReportCommunity,
} from "./engine/analyze.ts";
export { findRouteBursts, type RouteBurst } from "./engine/bursts.ts";
export { groupBetweenness, pageRank } from "./engine/centrality.ts";
export { connectedComponents, detectCommunities, weightedForCommunities } from "./engine/communities.ts";
export {
  createIdNormaliser,
  isIdentifierType,
  isNameType,
  normaliseEntityId,
  normaliseEntityType,
  normalisePhone,
} from "./engine/entities.ts";
export { evaluateIndicators, type IndicatorPack, parseIndicatorPack } from "./engine/indicators.ts";
export { findSharedIdentifiers, hashIdentifier, type SharedIdentifier } from "./engine/keyed-hash.ts";
export { buildLinkGraph, type LinkGraph, LinkGraphBuilder } from "./engine/link-graph.ts";
export { type Link, linkColumns, parseLinkRecord, readLinksHeader } from "./engine/links-csv.ts";
export { generateLinks, type LinkRow, type PlantedRing } from "./engine/links-generator.ts";
export { louvainCommunities, modularity } from "./engine/louvain.ts";
export { type RingScore, scoreRings } from "./engine/ring-scoring.ts";

// The platform side: migrations, the service (ingest, workspace, wall, sharing), routes and the demo seeder.

export { type EntityRef, type IdentifierObservation, observationFromRow } from "./engine/observations.ts";
export { networksEncryptedColumns } from "./entity.codec.ts";
export type { IngestInput, IngestResult, ObservationOrigin } from "./ingest.service.ts";
export { networksRoutes } from "./networks.routes.ts";
export {
  DEMO_PROTECTED_CASE,
  NETWORKS_DEMO,
  networksDemoData,
  seedNetworksDemo,
} from "./networks.seed.ts";
export { createNetworksService, ingestObservations, type NetworksService } from "./networks.service.ts";
export {
  networksProtectionRecords,
  networksSubjectData,
  networksTimeline,
} from "./networks-registry.service.ts";

/** The networks migrations, to run after the platform's; the one that moves free text to encryption encrypts. */
export function networksMigrations(): Migration[] {
  return withDataStep(
    migrationsFromDir("networks", new URL("./migrations/", import.meta.url)),
    "networks/0002-networks-encrypted-text.sql",
    async (tx, keyring) => {
      await encryptPlaintextValues(
        tx,
        keyring,
        TEXT_ENCRYPTED_BY_0002.map((c) => NETWORK_TEXT_COLUMNS[c]),
      );
    },
  );
}

/** The columns migration 0002 moved to encryption (fixed: a later column is a later migration's to encrypt). */
const TEXT_ENCRYPTED_BY_0002 = [
  "protectionReason",
  "basisPurpose",
  "basisAuthority",
  "basisNote",
  "requestPurpose",
  "requestNote",
] as const;
