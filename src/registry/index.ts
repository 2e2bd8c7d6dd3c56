/** What other capabilities and the composition root may use from the registry. */
import { encryptPlaintextValues } from "../platform/crypto/encrypt-stored.ts";
import { type Migration, migrationsFromDir, withDataStep } from "../platform/db/migrate.ts";
import { fillPersonFilterTerms } from "./case-worklist.service.ts";
import { encodeStoredPeopleByNameDob } from "./name-dob-encoding.service.ts";
import { REGISTRY_TEXT_COLUMNS } from "./registry-text.service.ts";
import { rewriteSearchTerms } from "./search-terms.service.ts";

export {
  DOCUMENT_TYPES,
  type DocumentType,
  RESIDENCE_DOCUMENT_ISSUERS,
} from "./document-types.contract.ts";
export type { ResidenceDocument, ResidenceSubject } from "./engine/residence-answer.ts";
export {
  type HouseholdMember,
  type HouseholdRelationship,
  type HouseholdSummary,
  householdOfPerson,
  householdOrSelf,
} from "./household-summary.service.ts";
export {
  householdForTransfer,
  registerArrivedHousehold,
  type TransferMember,
} from "./household-transfer.service.ts";
export {
  addPersonDocument,
  encodeResidenceQuestion,
  findResidence,
  type ProposedPerson,
  personExistsInScope,
  personIdentityForEncoding,
  personNames,
  type ResidenceFinding,
  type ResidenceQuestion,
  recordGivenConsent,
  recordProtectionRequest,
  registerProposedPerson,
  registryCandidates,
  residenceAnswerer,
} from "./person-access.service.ts";
export { personRetentionSweeper } from "./person-retention.service.ts";
export type { ProtectionRecordSource } from "./protection-notice.service.ts";
export { DocumentEntry, DuplicateCheck, PersonInput } from "./registry.contract.ts";
export { registryRoutes } from "./registry.routes.ts";
export { seedRegistryDemo } from "./registry.seed.ts";
export { createRegistryService, type RegistryService } from "./registry.service.ts";
export { registryEncryptedColumns } from "./registry-text.service.ts";
export type { SubjectDataSource, SubjectSection } from "./subject-export.service.ts";
export type { TimelineEvent } from "./timeline.contract.ts";
export type { TimelineSource } from "./timeline.service.ts";

/**
 * The registry's migrations, to run after the platform's and before the capabilities that keep registry people
 * (border's 0006 moves its permit holders into the registry): the one that moves free text to encryption
 * encrypts, 0007 encodes stored people by name and date of birth, 0008 fills the worklist's filter terms for the
 * people already stored, 0010 rewrites their search terms with the blocking terms.
 */
export function registryMigrations(): Migration[] {
  const withText = withDataStep(
    migrationsFromDir("registry", new URL("./migrations/", import.meta.url)),
    "registry/0003-registry-encrypted-text.sql",
    async (tx, keyring) => {
      await encryptPlaintextValues(
        tx,
        keyring,
        TEXT_ENCRYPTED_BY_0003.map((c) => REGISTRY_TEXT_COLUMNS[c]),
      );
    },
  );
  const withEncodings = withDataStep(
    withText,
    "registry/0007-registry-name-dob-encoding.sql",
    async (tx, keyring) => {
      await encodeStoredPeopleByNameDob(tx, keyring);
    },
  );
  const withFilterTerms = withDataStep(
    withEncodings,
    "registry/0008-registry-worklist-terms.sql",
    async (tx, keyring) => {
      await fillPersonFilterTerms(tx, keyring);
    },
  );
  return withDataStep(withFilterTerms, "registry/0010-registry-blocking-terms.sql", async (tx, keyring) => {
    await rewriteSearchTerms(tx, keyring);
  });
}

/** The columns migration 0003 moved to encryption (fixed: a later column is a later migration's to encrypt). */
const TEXT_ENCRYPTED_BY_0003 = [
  "moveReason",
  "consentGivenBy",
  "reviewWhyCreated",
  "reviewDecisionReason",
  "mergeReason",
  "splitReason",
  "referralReason",
  "referralStatusReason",
  "versionReason",
] as const;
