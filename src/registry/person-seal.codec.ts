import { createHmac } from "node:crypto";
import { encodeClk, fieldKeys } from "../identity/index.ts";
import { blindIndex, decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { nationTerms } from "../platform/crypto/nation-terms.ts";
import { filterTerms } from "../shared/worklist-filters.ts";
import { readDocument } from "./engine/person-documents.ts";
import { specificNeedsOf } from "./engine/person-needs.ts";
import { emptyPerson, normaliseRecord, personTerms } from "./engine/person-record.ts";
import { personNameDobEncoding } from "./engine/residence-answer.ts";
import { shieldedFrom } from "./protection.contract.ts";
import type { PersonInput } from "./registry.contract.ts";

/** Encryption contexts: one per column, so a value copied to another column will not decrypt. */
export const CONTEXT = {
  externalId: "registry.person.external_id",
  givenNames: "registry.person.given_names",
  surnames: "registry.person.surnames",
  sex: "registry.person.sex",
  birthDate: "registry.person.birth_date",
  details: "registry.person.details",
  caseNote: "registry.case.note",
  referralShared: "registry.referral.shared",
  term: "registry.person.term",
  externalKey: "registry.person.external_key",
} as const;

/** Every encrypted registry column, registered with the platform for key rotation. */
export const registryEncryptedColumns: EncryptedColumn[] = [
  ...(
    [
      ["external_id_enc", CONTEXT.externalId],
      ["given_names_enc", CONTEXT.givenNames],
      ["surnames_enc", CONTEXT.surnames],
      ["sex_enc", CONTEXT.sex],
      ["birth_date_enc", CONTEXT.birthDate],
      ["details_enc", CONTEXT.details],
    ] as const
  ).map(([column, context]) => ({
    table: "registry_people",
    keyColumns: ["tenant_id", "id"],
    column,
    context,
  })),
  ...(
    [
      ["given_names_enc", CONTEXT.givenNames],
      ["surnames_enc", CONTEXT.surnames],
      ["sex_enc", CONTEXT.sex],
      ["birth_date_enc", CONTEXT.birthDate],
      ["details_enc", CONTEXT.details],
    ] as const
  ).map(([column, context]) => ({
    table: "registry_person_versions",
    keyColumns: ["tenant_id", "id"],
    column,
    context,
  })),
  {
    table: "registry_case_notes",
    keyColumns: ["tenant_id", "id"],
    column: "body_enc",
    context: CONTEXT.caseNote,
  },
  {
    table: "registry_referrals",
    keyColumns: ["tenant_id", "id"],
    column: "shared_enc",
    context: CONTEXT.referralShared,
  },
];

/**
 * The secret behind the regional encodings every partner shares: `HEMISPHERE_REGIONAL_KEY` (base64) when set,
 * otherwise derived from this deployment's index key. It lives with the keys, never in the database.
 */
export function regionalClkKeys(keyring: Keyring, env: NodeJS.ProcessEnv = process.env) {
  const secret = env.HEMISPHERE_REGIONAL_KEY
    ? Buffer.from(env.HEMISPHERE_REGIONAL_KEY, "base64")
    : createHmac("sha256", keyring.indexKey).update("hemisphere.registry.regional-clk").digest();
  return fieldKeys(secret);
}

/** The stored columns of a person: every personal value encrypted, plus blind-index terms and the CLK. */
export interface SealedPerson {
  external_key: string | null;
  external_id_enc: string | null;
  given_names_enc: string;
  surnames_enc: string;
  sex_enc: string | null;
  birth_date_enc: string | null;
  details_enc: string;
  terms: string[];
  /** The nation's keyed terms of nationality, specific needs and birth year, which worklists filter on. */
  filter_terms: string[];
  clk: Uint8Array;
  /** The regional encoding of name and date of birth only: what a partner's prior-residence question carries. */
  name_dob_clk: Uint8Array | null;
  /** The nations no answer about the person may reach (plain codes; the status stays in the details). */
  shielded_from: string[];
}

/** The keys a sealer needs, built once per process. */
export interface PersonKeys {
  keyring: Keyring;
  clkKeys: Map<string, Buffer>;
}

/** A keyed blind index of one plaintext search term. */
export function hashTerm(keys: PersonKeys, term: string): string {
  return blindIndex(keys.keyring, term, CONTEXT.term);
}

/** The blind index of an imported file's id, unique per nation. */
export function externalKey(keys: PersonKeys, externalId: string): string {
  return blindIndex(keys.keyring, externalId, CONTEXT.externalKey);
}

/** The nation's keyed filter terms of a person: each nationality, each specific need, the birth year. */
export function personFilterTerms(keyring: Keyring, tenantId: string, p: PersonInput): string[] {
  return nationTerms(
    keyring,
    tenantId,
    filterTerms({ nationalities: p.nationalities, needs: p.vulnerabilities, birthDate: p.birthDate }),
  );
}

/** Encrypts a person for storage in a nation (whose key the filter terms are made with). */
export function sealPerson(
  keys: PersonKeys,
  p: PersonInput,
  externalId: string | null,
  tenantId: string,
): SealedPerson {
  const k = keys.keyring;
  const { givenNames, surnames, sex, birthDate, ...rest } = p;
  // Needs are stored as codes of the shared vocabulary, whatever form (current or legacy) they came in.
  const details = { ...rest, vulnerabilities: specificNeedsOf(rest.vulnerabilities) };
  const normalised = normaliseRecord("", p);
  return {
    external_key: externalId === null ? null : externalKey(keys, externalId),
    external_id_enc: externalId === null ? null : encryptField(k, externalId, CONTEXT.externalId),
    given_names_enc: encryptField(k, JSON.stringify(givenNames), CONTEXT.givenNames),
    surnames_enc: encryptField(k, JSON.stringify(surnames), CONTEXT.surnames),
    sex_enc: sex === null ? null : encryptField(k, sex, CONTEXT.sex),
    birth_date_enc: birthDate === null ? null : encryptField(k, birthDate, CONTEXT.birthDate),
    details_enc: encryptField(k, JSON.stringify(details), CONTEXT.details),
    terms: personTerms(p, normalised).map((t) => hashTerm(keys, t)),
    filter_terms: personFilterTerms(k, tenantId, p),
    clk: encodeClk(normalised, keys.clkKeys),
    name_dob_clk: personNameDobEncoding(keys.clkKeys, p),
    shielded_from: shieldedFrom(p),
  };
}

/** The encrypted columns of a stored person, as read back. */
export type StoredPersonColumns = Pick<
  SealedPerson,
  "external_id_enc" | "given_names_enc" | "surnames_enc" | "sex_enc" | "birth_date_enc" | "details_enc"
>;

/** Decrypts a stored person's names only: what a list shows of them. */
export function openPersonNames(
  keyring: Keyring,
  row: Pick<StoredPersonColumns, "given_names_enc" | "surnames_enc">,
): Pick<PersonInput, "givenNames" | "surnames"> {
  return {
    givenNames: JSON.parse(decryptField(keyring, row.given_names_enc, CONTEXT.givenNames)) as string[],
    surnames: JSON.parse(decryptField(keyring, row.surnames_enc, CONTEXT.surnames)) as string[],
  };
}

/** Decrypts a stored person. */
export function openPerson(
  keyring: Keyring,
  row: StoredPersonColumns,
): { person: PersonInput; externalId: string | null } {
  const details = JSON.parse(decryptField(keyring, row.details_enc, CONTEXT.details)) as Partial<PersonInput>;
  const person: PersonInput = {
    ...emptyPerson(),
    ...details,
    // Records stored before the shared vocabulary may hold legacy codes: read as their current code.
    vulnerabilities: specificNeedsOf(details.vulnerabilities),
    // Documents stored with a free-text type are read with a listed type (the text kept) and a validity.
    documents: (details.documents ?? []).map(readDocument),
    ...openPersonNames(keyring, row),
    sex:
      row.sex_enc === null ? null : (decryptField(keyring, row.sex_enc, CONTEXT.sex) as PersonInput["sex"]),
    birthDate:
      row.birth_date_enc === null ? null : decryptField(keyring, row.birth_date_enc, CONTEXT.birthDate),
  };
  const externalId =
    row.external_id_enc === null ? null : decryptField(keyring, row.external_id_enc, CONTEXT.externalId);
  return { person, externalId };
}
