import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import {
  ANSWERS_CONTEXT,
  ARRIVAL_CONSENT_CONTEXT,
  ARRIVAL_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  OUTBOX_CONTEXT,
  OUTBOX_ERROR_CONTEXT,
  REFERRAL_CONSENT_CONTEXT,
  REFERRAL_CONTEXT,
  REFERRAL_DECIDED_REASON_CONTEXT,
  REFERRAL_REASON_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";

// Free text about a person (reasons, consent texts, transport errors) is stored encrypted. Values written before
// it was are marked `legacy:` by the migration and encrypted when the application starts; until then (a
// database migrated by another command, say) readers take them as they are.

/** The mark the migration put before a value still in clear. */
export const LEGACY = "legacy:";
const keys = ["tenant_id", "id"];
const column = (table: string, name: string, context: string): EncryptedColumn => ({
  table,
  keyColumns: keys,
  column: name,
  context,
});

/**
 * Free-text columns that held plaintext before migration 0003-pathways-encrypt-free-text.sql; their migrated
 * values are marked `legacy:` until the application encrypts them at start. The first column of each table is
 * the marker.
 */
export const legacyTextColumns: EncryptedColumn[] = [
  column("pathway_stage_changes", "reason_enc", STAGE_REASON_CONTEXT),
  column("pathway_referrals", "reason_enc", REFERRAL_REASON_CONTEXT),
  column("pathway_referrals", "consent_text_enc", REFERRAL_CONSENT_CONTEXT),
  column("pathway_referrals", "decided_reason_enc", REFERRAL_DECIDED_REASON_CONTEXT),
  column("pathway_outbox", "last_error_enc", OUTBOX_ERROR_CONTEXT),
];

/** The encrypted columns of the pathway tables, for key rotation. */
export const pathwaysEncryptedColumns: EncryptedColumn[] = [
  column("pathway_applications", "answers_enc", ANSWERS_CONTEXT),
  column("pathway_applications", "full_name_enc", NAME_CONTEXT),
  column("pathway_applications", "contact_enc", CONTACT_CONTEXT),
  column("pathway_outbox", "message_enc", OUTBOX_CONTEXT),
  column("pathway_referrals", "payload_enc", REFERRAL_CONTEXT),
  column("pathway_arrivals", "payload_enc", ARRIVAL_CONTEXT),
  column("pathway_arrivals", "consent_text_enc", ARRIVAL_CONSENT_CONTEXT),
  ...legacyTextColumns,
];

/** Reads a stored free-text value: decrypted, or a legacy value not yet encrypted. */
export function openText(keyring: Keyring, stored: string, context: string): string {
  return stored.startsWith(LEGACY) ? stored.slice(LEGACY.length) : decryptField(keyring, stored, context);
}

/** `openText` for a nullable column. */
export function openOptionalText(keyring: Keyring, stored: string | null, context: string): string | null {
  return stored === null ? null : openText(keyring, stored, context);
}

/** Encrypts free text for one of the pathway columns. */
export const sealText = (keyring: Keyring, text: string, context: string) =>
  encryptField(keyring, text, context);
