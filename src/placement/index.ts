export { checkAssignment } from "./check-assignment.ts";
export { type CaseExplanation, describeExplanation, explainAssignment } from "./explain.ts";
export { generateInstance, type InstanceSpec } from "./instance-generator.ts";
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
export { solveTransportation, type TransportationSolution } from "./transportation.ts";
