// What other capabilities (the portal, staff workflow, web) may use from pathways.
export { type PreparedAnswers, prepareAnswers } from "./answers.ts";
export { type Catalog, type Pathway, parseCatalog, type RuleSet, ruleSetOn } from "./catalog.ts";
export {
  type PathwayType,
  type Period,
  pathwayTypes,
  periods,
  type SchemaProblem,
} from "./catalog-schema.ts";
export { estimateWait, periodDays, type WaitEstimate, type WaitInput } from "./estimated-wait.ts";
export { isLanguage, type Language, languages, type Texts } from "./language.ts";
export { describeWait } from "./pathway-texts.ts";
export { customQuestionTexts, questionText } from "./question-texts.ts";
export { deriveQuestions, type Question, questionIds } from "./questions.ts";
export type { Outcome, Rule } from "./rule-types.ts";
export {
  type CompiledCatalog,
  compileCatalog,
  prepareCatalogAnswers,
  questionsOn,
  type ScreenResult,
  screenCatalog,
} from "./screening.ts";
