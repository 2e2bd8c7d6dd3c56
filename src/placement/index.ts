import { migrationsFromDir } from "../platform/db/migrate.ts";

export {
  type BatchPlan,
  type BatchSequence,
  planDynamic,
  planGreedy,
  planHindsight,
} from "./engine/arrival-planner.ts";
export { checkAssignment } from "./engine/check-assignment.ts";
export { type CaseExplanation, describeExplanation, explainAssignment } from "./engine/explain.ts";
export { generateInstance, type InstanceSpec } from "./engine/instance-generator.ts";
export { type CaseFeatures, generateHistory, type OutcomeRecord } from "./engine/outcome-history.ts";
export { type PlacementProblem, readPlacementInput } from "./engine/placement-input.ts";
export { buildModel, type PlacementModel } from "./engine/placement-model.ts";
export type {
  PlacementCase,
  PlacementInput,
  PlacementOptions,
  PlacementPlace,
  PlacementResult,
} from "./engine/placement-types.ts";
export { formatScoresCsv, type TrainingRun, trainOutcomeModel } from "./engine/train-scores.ts";
export { solveTransportation, type TransportationSolution } from "./engine/transportation.ts";
export { placementRoutes } from "./placement.routes.ts";
export { seedPlacementDemo } from "./placement.seed.ts";
export { createPlacementService, PLATFORM_LIMITS, type PlacementService } from "./placement.service.ts";
export { PlacementInfeasibleError, solvePlacement } from "./solve-placement.pool.ts";

/** The placement capability's migrations (runs, assignments, overrides), after the platform's. */
export const placementMigrations = () =>
  migrationsFromDir("placement", new URL("./migrations/", import.meta.url));
