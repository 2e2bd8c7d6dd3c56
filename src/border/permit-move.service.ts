import { type Scope, systemScope } from "../platform/auth/scope.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import {
  addPersonDocument,
  DOCUMENT_TYPES,
  type DocumentEntry,
  type DocumentType,
  registerProposedPerson,
  registryCandidates,
} from "../registry/index.ts";
import { allStoredPermits, dropStoredPermits, type StoredPermit } from "./permit-move.store.ts";

// Migration 0006's data step: the border's residence permits become registry people with a residence document,
// so a nation answers prior-residence questions from its registry alone. Search before create: a permit holder
// the registry already holds (a likely match) gets the permit as a document; anyone else is registered with it
// (possible matches then wait in the registry's review queue, as for any registration past a match).

/** Encryption contexts the permits were sealed under (the table's columns, kept for this move only). */
const PERMIT_CONTEXTS = {
  given_names_enc: "border.permit.given_names",
  family_names_enc: "border.permit.family_names",
  birth_date_enc: "border.permit.birth_date",
} as const;

/** The permit types the demo and earlier seeds used, by the registry document type they are. */
const PERMIT_DOCUMENT_TYPES: Readonly<Record<string, DocumentType>> = { PEP: "col_pep", PPT: "col_ppt" };

/** The registry document a permit becomes: a listed type when the permit's type names one, else a residence permit. */
export function permitDocument(
  permit: Pick<StoredPermit, "tenant_id" | "permit_type" | "valid_from" | "valid_to">,
) {
  const named = PERMIT_DOCUMENT_TYPES[permit.permit_type.trim().toUpperCase()];
  const listed = (DOCUMENT_TYPES as readonly string[]).includes(permit.permit_type)
    ? permit.permit_type
    : null;
  const type = (named ?? listed ?? "residence_permit") as DocumentType;
  const document: DocumentEntry = {
    type,
    typeAsWritten: type === "residence_permit" && listed === null ? permit.permit_type : "",
    // The border's list kept no number: a registrar adds it when the document is seen.
    number: "",
    issuingCountry: permit.tenant_id,
    validFrom: permit.valid_from.slice(0, 10),
    expiry: permit.valid_to === null ? null : permit.valid_to.slice(0, 10),
  };
  return document;
}

const WHY = "moved from the border's residence permit list (border migration 0006)";

/** What the move did: people registered, documents added to people already registered, permits already there. */
export interface PermitMove {
  registered: number;
  documented: number;
  unchanged: number;
}

/** A residence document's holder, as the registry takes a person. */
export interface ResidenceHolder {
  givenNames: string[];
  surnames: string[];
  birthDate: string;
}

/**
 * Puts a residence document holder into the scope's registry, in the caller's transaction, searching before it
 * creates: a likely match gets the document (once); anyone else is registered and then given it.
 */
export async function placeResidenceHolder(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  holder: ResidenceHolder,
  document: DocumentEntry,
  why: string,
): Promise<"registered" | "documented" | "unchanged"> {
  const likely = (await registryCandidates(tx, scope, keyring, holder)).find((c) => c.band === "likely");
  if (likely) {
    return (await addPersonDocument(tx, scope, keyring, likely.id, document, why))
      ? "documented"
      : "unchanged";
  }
  // Registered first, then documented: a moved permit has no number, which a registrar's entry would need.
  const { id } = await registerProposedPerson(tx, scope, keyring, holder, {
    overrideReason: why,
    officeId: null,
  });
  await addPersonDocument(tx, scope, keyring, id, document, why);
  return "registered";
}

/** Moves one permit into its nation's registry, in the caller's transaction. */
async function movePermit(tx: Tx, keyring: Keyring, permit: StoredPermit, tally: PermitMove) {
  // The nation's administrator reaches every office: a holder registered by any office is found and documented.
  const scope: Scope = systemScope(permit.tenant_id, "migration border/0006");
  const open = (value: string, context: string) => decryptField(keyring, value, context);
  const holder = {
    givenNames: open(permit.given_names_enc, PERMIT_CONTEXTS.given_names_enc).split(/\s+/).filter(Boolean),
    surnames: open(permit.family_names_enc, PERMIT_CONTEXTS.family_names_enc).split(/\s+/).filter(Boolean),
    birthDate: open(permit.birth_date_enc, PERMIT_CONTEXTS.birth_date_enc),
  };
  tally[await placeResidenceHolder(tx, scope, keyring, holder, permitDocument(permit), WHY)]++;
}

/** Moves the given permits into the registry; moving the same permits again changes nothing. */
export async function movePermitsToRegistry(
  tx: Tx,
  keyring: Keyring,
  permits: readonly StoredPermit[],
): Promise<PermitMove> {
  const tally: PermitMove = { registered: 0, documented: 0, unchanged: 0 };
  for (const permit of permits) await movePermit(tx, keyring, permit, tally);
  return tally;
}

/** Migration 0006's data step: every stored permit into the registry, then the permit list dropped. */
export async function moveStoredPermitsAndDrop(tx: Tx, keyring: Keyring): Promise<PermitMove> {
  const moved = await movePermitsToRegistry(tx, keyring, await allStoredPermits(tx));
  await dropStoredPermits(tx);
  return moved;
}
