import { migrationsFromDir } from "../platform/db/migrate.ts";

export {
  type BatchPlan,
  type BatchSequence,
  planDynamic,
  planGreedy,
  planHindsight,
} from "./arrival-planner.ts";
export { checkAssignment } from "./check-assignment.ts";
export { type CaseExplanation, describeExplanation, explainAssignment } from "./explain.ts";
export { generateInstance, type InstanceSpec } from "./instance-generator.ts";
export { type CaseFeatures, generateHistory, type OutcomeRecord } from "./outcome-history.ts";
export { placementRoutes } from "./placement.routes.ts";
export { seedPlacementDemo } from "./placement.seed.ts";
export { createPlacementService, PLATFORM_LIMITS, type PlacementService } from "./placement.service.ts";
export { type PlacementProblem, readPlacementInput } from "./placement-input.ts";
export { buildModel, type PlacementModel } from "./placement-model.ts";
export type {
  PlacementCase,
  PlacementInput,
  PlacementOptions,
  PlacementPlace,
  PlacementResult,
} from "./placement-types.ts";
export { PlacementInfeasibleError, solvePlacement } from "./solve-placement.ts";
export { formatScoresCsv, type TrainingRun, trainOutcomeModel } from "./train-scores.ts";
export { solveTransportation, type TransportationSolution } from "./transportation.ts";

/** The placement capability's migrations (runs, assignments, overrides), after the platform's. */
export const placementMigrations = () =>
  migrationsFromDir("placement", new URL("./migrations/", import.meta.url));
