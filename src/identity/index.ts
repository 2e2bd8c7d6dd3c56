/** What other capabilities (the registry first) may use from identity. */

export { clusterPeople, clusterPeopleInParallel, type DedupeResult } from "./cluster.pool.ts";
export * from "./engine/index.ts";
export { linkPeopleInParallel } from "./score.pool.ts";
