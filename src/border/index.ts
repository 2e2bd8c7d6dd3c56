// What other capabilities may use from border.
export { assessDisposition } from "./assess-disposition.ts";
export {
  Assessment,
  AssessmentChecks,
  CheckStatus,
  Demographic,
  DispositionCode,
  EncounterInput,
  SafeguardCode,
} from "./border.contract.ts";
export {
  type ParseProblem,
  type ParseResult,
  parseChecks,
  parseEncounter,
  parsePolicyPack,
} from "./parse-input.ts";
export { PolicyPack, policyPackFormat } from "./policy-pack.ts";
