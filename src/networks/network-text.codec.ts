import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";

// Free text people write into networks records (why a case is protected, a legal basis's purpose and authority,
// a detail request's purpose, decision notes): personal, so encrypted at rest, each column bound to its context.

const column = (table: string, keyColumns: string[], name: string, context: string): EncryptedColumn => ({
  table,
  keyColumns,
  column: name,
  context,
});

/** Every networks column of free text, with the context its values are encrypted under. */
export const NETWORK_TEXT_COLUMNS = {
  protectionReason: column(
    "network_protection_records",
    ["tenant_id", "case_ref"],
    "reason_enc",
    "networks.protection.reason",
  ),
  basisPurpose: column(
    "network_legal_bases",
    ["tenant_id", "id"],
    "purpose_enc",
    "networks.legal_basis.purpose",
  ),
  basisAuthority: column(
    "network_legal_bases",
    ["tenant_id", "id"],
    "authority_enc",
    "networks.legal_basis.authority",
  ),
  basisNote: column(
    "network_legal_bases",
    ["tenant_id", "id"],
    "decision_note_enc",
    "networks.legal_basis.decision_note",
  ),
  requestPurpose: column(
    "network_detail_requests",
    ["tenant_id", "id"],
    "purpose_enc",
    "networks.detail_request.purpose",
  ),
  requestNote: column(
    "network_detail_requests",
    ["tenant_id", "id"],
    "decision_note_enc",
    "networks.detail_request.decision_note",
  ),
} as const;

export type NetworkTextColumn = keyof typeof NETWORK_TEXT_COLUMNS;

/** Encrypts and decrypts the networks' free text, column by column. */
export interface TextCodec {
  seal(column: NetworkTextColumn, text: string): string;
  open(column: NetworkTextColumn, stored: string): string;
  openOrNull(column: NetworkTextColumn, stored: string | null): string | null;
}

/** The text codec over the platform's keyring. */
export function createTextCodec(keyring: Keyring): TextCodec {
  const open = (c: NetworkTextColumn, stored: string) =>
    decryptField(keyring, stored, NETWORK_TEXT_COLUMNS[c].context);
  return {
    seal: (c, text) => encryptField(keyring, text, NETWORK_TEXT_COLUMNS[c].context),
    open,
    openOrNull: (c, stored) => (stored === null ? null : open(c, stored)),
  };
}
