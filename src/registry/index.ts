/** What other capabilities and the composition root may use from the registry. */
import type { Scope } from "../platform/auth/scope.ts";
import { encryptPlaintextValues } from "../platform/crypto/encrypt-stored.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { type Migration, migrationsFromDir, withDataStep } from "../platform/db/migrate.ts";
import { recordProtectionClaim } from "./people-edit.service.ts";
import { openPerson, regionalClkKeys } from "./person-seal.codec.ts";
import { findPerson } from "./registry.store.ts";
import { REGISTRY_TEXT_COLUMNS } from "./registry-text.service.ts";

export { DOCUMENT_TYPES, type DocumentType } from "./document-types.contract.ts";
export {
  type HouseholdMember,
  type HouseholdRelationship,
  type HouseholdSummary,
  householdOfPerson,
} from "./household-summary.service.ts";
export { personRetentionSweeper } from "./person-retention.service.ts";
export { DuplicateCheck, PersonInput } from "./registry.contract.ts";
export { registryRoutes } from "./registry.routes.ts";
export { seedRegistryDemo } from "./registry.seed.ts";
export { createRegistryService, type RegistryService } from "./registry.service.ts";
export { registryEncryptedColumns } from "./registry-text.service.ts";
export type { SubjectDataSource, SubjectSection } from "./subject-export.service.ts";
export type { TimelineEvent } from "./timeline.contract.ts";
export type { TimelineSource } from "./timeline.service.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a person with this id is registered in the scope's nation and within the scope's reach, in the
 * caller's transaction: how another capability checks a `personId` it is given before storing it.
 */
export async function personExistsInScope(tx: Tx, scope: Scope, personId: string): Promise<boolean> {
  return UUID.test(personId) && (await findPerson(tx, scope, personId)) !== undefined;
}

/**
 * The name and date of birth of a registered person in the caller's reach, for another capability that must
 * encode them (a prior-residence question about an encounter linked to the person): values leave the registry
 * only into that encoding. Undefined when the person is not in reach.
 */
export async function personIdentityForEncoding(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
): Promise<{ givenNames: string; familyNames: string; birthDate: string | null } | undefined> {
  const row = UUID.test(personId) ? await findPerson(tx, scope, personId) : undefined;
  if (!row || row.status !== "active") return undefined;
  const { person } = openPerson(keyring, row);
  return {
    givenNames: person.givenNames.join(" "),
    familyNames: person.surnames.join(" "),
    birthDate: person.birthDate,
  };
}

/** The registry's migrations, to run after the platform's; the one that moves free text to encryption encrypts. */
export function registryMigrations(): Migration[] {
  return withDataStep(
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

/**
 * Records a claim for protection made about a registered person elsewhere (a fear claim at the border, an
 * application to a protection pathway): a person with no protection becomes an asylum seeker, shielded from
 * the nations of their nationalities, in the caller's transaction. The caller needs no right to read protection
 * details: the claim is a recorded act, not a reading.
 */
export async function recordProtectionRequest(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
  reason: string,
): Promise<void> {
  await recordProtectionClaim(tx, scope, { keyring, clkKeys: regionalClkKeys(keyring) }, personId, reason);
}
