/**
 * Worker thread entry: seals chunks of imported people (encryption, blind indexes, regional CLK) so a bulk
 * import uses every core while the main thread writes to the database, and packs each chunk for the bulk insert
 * (a dozen strings cross back, not thousands of objects). The keys arrive once, in memory.
 */
import { parentPort, workerData } from "node:worker_threads";
import { keyringFrom } from "../platform/crypto/keyring.ts";
import { type SealRequest, type SealWorkerInput, sealBatch } from "./person-seal.pool.ts";

const input = workerData as SealWorkerInput;
const keys = {
  keyring: keyringFrom(input.keyFile),
  clkKeys: new Map(input.clkKeys.map(([feature, key]) => [feature, Buffer.from(key)])),
};

parentPort?.on("message", (request: SealRequest) => {
  parentPort?.postMessage({ chunk: request.chunk, batch: sealBatch(keys, request.tenantId, request.people) });
});
parentPort?.postMessage({ ready: true });
