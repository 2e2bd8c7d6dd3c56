import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { registryEncryptedColumns as sealedPersonColumns } from "./person-seal.codec.ts";

// Free text people write into registry records (reasons, who gave consent): personal, so encrypted at rest,
// each column bound to its own context so a value copied into another column will not decrypt.

const byId = (table: string, column: string, context: string): EncryptedColumn => ({
  table,
  keyColumns: ["tenant_id", "id"],
  column,
  context,
});

/** Every registry column of free text, with the context its values are encrypted under. */
export const REGISTRY_TEXT_COLUMNS = {
  moveReason: byId("registry_case_moves", "reason_enc", "registry.case_move.reason"),
  consentGivenBy: byId("registry_consents", "given_by_enc", "registry.consent.given_by"),
  reviewWhyCreated: byId("registry_duplicate_reviews", "why_created_enc", "registry.review.why_created"),
  reviewDecisionReason: byId(
    "registry_duplicate_reviews",
    "decision_reason_enc",
    "registry.review.decision_reason",
  ),
  mergeReason: byId("registry_merges", "reason_enc", "registry.merge.reason"),
  splitReason: byId("registry_merges", "split_reason_enc", "registry.merge.split_reason"),
  referralReason: byId("registry_referrals", "reason_enc", "registry.referral.reason"),
  referralStatusReason: byId("registry_referrals", "status_reason_enc", "registry.referral.status_reason"),
  versionReason: byId("registry_person_versions", "reason_enc", "registry.person_version.reason"),
  erasureReason: byId("registry_erasures", "reason_enc", "registry.erasure.reason"),
  householdSplitReason: byId("registry_households", "split_reason_enc", "registry.household.split_reason"),
} as const;

export type RegistryTextColumn = keyof typeof REGISTRY_TEXT_COLUMNS;

/** Every encrypted registry column (people's sealed values and free text), for key rotation. */
export const registryEncryptedColumns: EncryptedColumn[] = [
  ...sealedPersonColumns,
  ...Object.values(REGISTRY_TEXT_COLUMNS),
];

/** Encrypts and decrypts the registry's free text, column by column. */
export interface RegistryText {
  seal(column: RegistryTextColumn, text: string): string;
  sealOrNull(column: RegistryTextColumn, text: string | null): string | null;
  open(column: RegistryTextColumn, stored: string): string;
  openOrNull(column: RegistryTextColumn, stored: string | null): string | null;
}

/** The registry's text codec over the platform's keyring. */
export function createRegistryText(keyring: Keyring): RegistryText {
  const seal = (c: RegistryTextColumn, text: string) =>
    encryptField(keyring, text, REGISTRY_TEXT_COLUMNS[c].context);
  const open = (c: RegistryTextColumn, stored: string) =>
    decryptField(keyring, stored, REGISTRY_TEXT_COLUMNS[c].context);
  return {
    seal,
    sealOrNull: (c, text) => (text === null ? null : seal(c, text)),
    open,
    openOrNull: (c, stored) => (stored === null ? null : open(c, stored)),
  };
}
