// What other capabilities (and the composition root) may use from border.
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import { type Migration, migrationsFromDir, withDataStep } from "../platform/db/migrate.ts";
import { ENCOUNTER_CONTEXTS } from "./encounter-rows.store.ts";
import { moveStoredPermitsAndDrop } from "./permit-move.service.ts";

export {
  Assessment,
  AssessmentChecks,
  CheckStatus,
  Demographic,
  DispositionCode,
  EncounterInput,
  SafeguardCode,
} from "./border.contract.ts";
export { borderRoutes } from "./border.routes.ts";
export { seedBorderDemo } from "./border.seed.ts";
export { type BorderService, createBorderService } from "./border.service.ts";
export { seedBorderJourney } from "./border-journey.seed.ts";
export { CbpMonthlyRow } from "./border-records.contract.ts";
export { borderSubjectData } from "./border-subject.service.ts";
export { borderTimeline } from "./border-timeline.service.ts";
export { borderCbpMonthlyRows } from "./cbp-monthly.store.ts";
export { assessDisposition } from "./engine/assess-disposition.ts";
export {
  type ParseResult,
  parseChecks,
  parseEncounter,
  parsePolicyPack,
} from "./engine/parse-input.ts";
export { type PolicyEvent, policyEventsOfPack } from "./engine/policy-events.ts";
export { PolicyPack, policyPackFormat } from "./engine/policy-pack.ts";
export { borderPolicyEvents } from "./policy-events.store.ts";

/**
 * The border capability's migrations, after the platform's and the registry's: 0006 moves the border's residence
 * permits into the registry (its data step, with the keys) and drops the permit list.
 */
export function borderMigrations(): Migration[] {
  return withDataStep(
    migrationsFromDir("border", new URL("./migrations/", import.meta.url)),
    "border/0006-border-residence-from-registry.sql",
    async (tx, keyring) => {
      await moveStoredPermitsAndDrop(tx, keyring);
    },
  );
}

/** Border columns holding personal values encrypted, for key rotation. */
export const borderEncryptedColumns: EncryptedColumn[] = [
  ...Object.entries(ENCOUNTER_CONTEXTS).map(([column, context]) => ({
    table: "border_encounters",
    keyColumns: ["tenant_id", "id"],
    column,
    context,
  })),
];
