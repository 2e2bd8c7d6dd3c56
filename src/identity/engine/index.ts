/** The pure part of identity that other capabilities' pure code may use: encodings, normalisation, scoring. */
export { CLK_BITS, DEFAULT_BUDGETS, diceSimilarity, encodeClk, fieldKeys } from "./clk.ts";
export { COMPARISONS } from "./compare.ts";
export { type BirthDate, compareBirthDates, DATE_LEVEL, parseBirthDate } from "./dates.ts";
export type { BlockingMode, BlockingOptions, BlockingPlan } from "./encoded-blocking-plan.ts";
export { type EncodedRecord, linkEncodings } from "./encoded-link.ts";
export { builtInNamePools, type NamePools, namePoolsFromLists } from "./generator-names.ts";
export { type LinkRow, linkPeople, scoreCandidates } from "./link.ts";
export { type MatchModel, termFrequencies } from "./model.ts";
export { defaultMatchModel } from "./model-defaults.ts";
export {
  GENERATED_COLUMNS,
  type GeneratedPerson,
  type GenerateOptions,
  generatePeople,
} from "./people-generator.ts";
export { normalisePerson, PERSON_FIELDS, type Person, type PersonField, type RawPerson } from "./person.ts";
export { phoneticKey } from "./phonetic.ts";
export {
  type Band,
  bandOf,
  type FieldReason,
  LIKELY,
  type PairScore,
  POSSIBLE,
  scorePair,
} from "./scoring.ts";
export { editDistance, jaroWinkler } from "./similarity.ts";
