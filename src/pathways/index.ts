// What other capabilities (the portal, staff workflow, web) may use from pathways.
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import { migrationsFromDir } from "../platform/db/migrate.ts";
import {
  ANSWERS_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  OUTBOX_CONTEXT,
  REFERRAL_CONTEXT,
} from "./field-contexts.ts";

export { fileTransport, type NotificationTransport } from "./outbox.service.ts";
export { pathwaysRoutes } from "./pathways.routes.ts";
export { seedPathwaysDemo } from "./pathways.seed.ts";
export { createPathwaysService, type PathwaysService, portalSettingsFromEnv } from "./pathways.service.ts";
export { portalRoutes } from "./portal.routes.ts";

/** The pathways capability's migrations, after the platform's. */
export const pathwaysMigrations = () =>
  migrationsFromDir("pathways", new URL("./migrations/", import.meta.url));

const appKeys = ["tenant_id", "id"];
/** The encrypted columns of the pathway tables, for key rotation. */
export const pathwaysEncryptedColumns: EncryptedColumn[] = [
  { table: "pathway_applications", keyColumns: appKeys, column: "answers_enc", context: ANSWERS_CONTEXT },
  { table: "pathway_applications", keyColumns: appKeys, column: "full_name_enc", context: NAME_CONTEXT },
  { table: "pathway_applications", keyColumns: appKeys, column: "contact_enc", context: CONTACT_CONTEXT },
  { table: "pathway_outbox", keyColumns: appKeys, column: "message_enc", context: OUTBOX_CONTEXT },
  { table: "pathway_referrals", keyColumns: appKeys, column: "payload_enc", context: REFERRAL_CONTEXT },
];
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
