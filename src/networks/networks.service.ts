import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import { createAnalysisCache, loadDefaultPack } from "./analysis.service.ts";
import { createEntityCodec, createProtectedRefs } from "./entity.codec.ts";
import { type IngestInput, type IngestResult, storeObservations } from "./ingest.service.ts";
import { createTextCodec } from "./network-text.codec.ts";
import { createSharingService } from "./sharing.service.ts";
import { createWallService } from "./wall.service.ts";
import { createWorkspaceService } from "./workspace.service.ts";

/** Networks on the platform: ingest, the investigator workspace, the wall, and discovery across nations. */
export function createNetworksService(platform: Platform) {
  const { db } = platform.database;
  const codec = createEntityCodec(platform.keyring);
  const analyse = createAnalysisCache(loadDefaultPack());
  const refOf = createProtectedRefs(platform.keyring);
  const text = createTextCodec(platform.keyring);
  return {
    /** Stores identifier observations from cases, encounters or investigators (one transaction, audited). */
    ingest: (scope: Scope, input: IngestInput): Promise<IngestResult> =>
      inScope(db, scope, (tx) => storeObservations(tx, scope, { entity: codec, text }, input)),
    ...createWorkspaceService(db, { entity: codec, text }, analyse, refOf),
    ...createWallService(db, codec, text, refOf),
    ...createSharingService(db, codec, text, analyse),
  };
}

export type NetworksService = ReturnType<typeof createNetworksService>;

/**
 * Stores identifier observations for the scope's nation without building the whole service: what the registry
 * and border call when a case or an encounter records a phone, an account, a plate…
 */
export function ingestObservations(
  platform: Platform,
  scope: Scope,
  input: IngestInput,
): Promise<IngestResult> {
  const codecs = { entity: createEntityCodec(platform.keyring), text: createTextCodec(platform.keyring) };
  return inScope(platform.database.db, scope, (tx) => storeObservations(tx, scope, codecs, input));
}
