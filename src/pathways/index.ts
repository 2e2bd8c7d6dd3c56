// What other capabilities (the portal, staff workflow, web) may use from pathways.
import { migrationsFromDir, withDataStep } from "../platform/db/migrate.ts";
import { fillApplicationFilterTerms } from "./application-worklist.service.ts";

export { applicationRetentionSweeper } from "./application-retention.service.ts";
export { fileTransport, type NotificationTransport } from "./outbox.service.ts";
export { pathwaysEncryptedColumns } from "./pathway-text.codec.ts";
export { pathwaysRoutes } from "./pathways.routes.ts";
export { seedPathwaysDemo } from "./pathways.seed.ts";
export { createPathwaysService, type PathwaysService, portalSettingsFromEnv } from "./pathways.service.ts";
export { pathwaysSubjectData } from "./pathways-subject.service.ts";
export { pathwaysTimeline, placementTimeline } from "./pathways-timeline.service.ts";
export { pathwaysPlacementSource } from "./placement-cases.service.ts";
export { portalRoutes } from "./portal.routes.ts";
export { seedResettlementJourney } from "./resettlement-journey.seed.ts";

/** The pathways capability's migrations, after the platform's; 0008 fills the queue's filter terms it adds. */
export const pathwaysMigrations = () =>
  withDataStep(
    migrationsFromDir("pathways", new URL("./migrations/", import.meta.url)),
    "pathways/0008-pathways-worklist-terms.sql",
    async (tx, keyring) => {
      await fillApplicationFilterTerms(tx, keyring);
    },
  );

export { type PreparedAnswers, prepareAnswers } from "./engine/answers.ts";
export { type Catalog, type Pathway, parseCatalog, type RuleSet, ruleSetOn } from "./engine/catalog.ts";
export {
  type PathwayType,
  type Period,
  pathwayTypes,
  periods,
} from "./engine/catalog-schema.ts";
export { estimateWait, periodDays, type WaitEstimate, type WaitInput } from "./engine/estimated-wait.ts";
export { isLanguage, type Language, languages, type Texts } from "./engine/language.ts";
export { describeWait } from "./engine/pathway-texts.ts";
export { customQuestionTexts, questionText } from "./engine/question-texts.ts";
export { deriveQuestions, type Question, questionIds } from "./engine/questions.ts";
export type { Outcome, Rule } from "./engine/rule-types.ts";
export {
  type CompiledCatalog,
  compileCatalog,
  prepareCatalogAnswers,
  questionsOn,
  type ScreenResult,
  screenCatalog,
} from "./engine/screening.ts";
