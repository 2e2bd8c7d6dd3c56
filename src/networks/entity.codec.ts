import { createHmac } from "node:crypto";
import { blindIndex, decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { hashIdentifier } from "./engine/keyed-hash.ts";
import { NETWORK_TEXT_COLUMNS } from "./network-text.codec.ts";

const VALUE_CONTEXT = "networks.entity.value";

/** The networks columns holding personal values encrypted, for key rotation. */
export const networksEncryptedColumns: EncryptedColumn[] = [
  { table: "network_entities", keyColumns: ["tenant_id", "id"], column: "value_enc", context: VALUE_CONTEXT },
  ...Object.values(NETWORK_TEXT_COLUMNS),
];

/**
 * The key every partner nation hashes identifiers with: `HEMISPHERE_REGIONAL_KEY` (base64) when set, otherwise
 * derived from this deployment's index key. It lives in configuration, never in the database.
 */
export function networksRegionalKey(keyring: Keyring, env: NodeJS.ProcessEnv = process.env): Buffer {
  const secret = env.HEMISPHERE_REGIONAL_KEY
    ? Buffer.from(env.HEMISPHERE_REGIONAL_KEY, "base64")
    : keyring.indexKey;
  return createHmac("sha256", secret).update("hemisphere.networks.shared-identifiers").digest();
}

/** How an entity's value is stored: encrypted, found by a blind index, published as a regional keyed hash. */
export interface EntityCodec {
  index(type: string, value: string): string;
  encrypt(value: string): string;
  decrypt(stored: string): string;
  regionalHash(type: string, value: string): string;
}

/** The codec over the platform's keyring. */
export function createEntityCodec(keyring: Keyring, env: NodeJS.ProcessEnv = process.env): EntityCodec {
  const regionalKey = networksRegionalKey(keyring, env);
  return {
    index: (type, value) => blindIndex(keyring, `${type}:${value}`, VALUE_CONTEXT),
    encrypt: (value) => encryptField(keyring, value, VALUE_CONTEXT),
    decrypt: (stored) => decryptField(keyring, stored, VALUE_CONTEXT),
    regionalHash: (type, value) => hashIdentifier(regionalKey, type, value).hash,
  };
}

/**
 * The opaque reference an investigator sees for a protection record behind the wall: keyed, so it cannot be
 * reversed or guessed from a case number, and scoped to the nation.
 */
export function createProtectedRefs(keyring: Keyring): (tenantId: string, caseRef: string) => string {
  return (tenantId, caseRef) =>
    `PR-${blindIndex(keyring, `${tenantId}\u0000${caseRef}`, "networks.protection.ref").slice(0, 16)}`;
}
