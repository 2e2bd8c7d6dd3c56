import { DOCUMENT_TYPES, type DocumentType } from "../document-types.contract.ts";
import type { DocumentEntry } from "../registry.contract.ts";

// Document types were free text before the registry had a closed list. A stored text is read as the code it
// names (in the region's languages) or as `other`, and the text itself is kept in `typeAsWritten`.

/** Lower case, no accents, single spaces: how stored type texts are compared. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Texts earlier records used for each type, folded. */
const NAMES: Readonly<Record<Exclude<DocumentType, "other">, readonly string[]>> = {
  passport: ["passport", "pasaporte", "passaporte", "passeport", "paspo"],
  national_id: [
    "national id",
    "national identity card",
    "id card",
    "identity card",
    "cedula",
    "cedula de identidad",
    "cedula de ciudadania",
    "dni",
    "dpi",
    "carte d identite",
    "carteira de identidade",
  ],
  birth_certificate: [
    "birth certificate",
    "partida de nacimiento",
    "acta de nacimiento",
    "certidao de nascimento",
    "acte de naissance",
  ],
  col_ppt: ["ppt", "permiso por proteccion temporal"],
  col_pep: ["pep", "permiso especial de permanencia"],
  bra_crnm: ["crnm", "carteira de registro nacional migratorio"],
  mex_tvrh: ["tvrh", "tarjeta de visitante por razones humanitarias"],
  refugee_id: ["refugee id", "refugee card", "refugee identity card"],
  residence_permit: ["residence permit", "permiso de residencia", "autorizacao de residencia"],
};

const BY_NAME = new Map<string, DocumentType>(
  Object.entries(NAMES).flatMap(([code, names]) => names.map((n) => [n, code as DocumentType] as const)),
);
const CODES: ReadonlySet<string> = new Set(DOCUMENT_TYPES);

/** The closed-list code a stored type text names, or `other`. */
export function documentTypeOf(text: string): DocumentType {
  if (CODES.has(text)) return text as DocumentType;
  return BY_NAME.get(fold(text)) ?? "other";
}

/** A stored document as the registry reads it today: a listed type (the old text kept), and a validity. */
export function readDocument(
  stored: Partial<Omit<DocumentEntry, "type">> & { type?: string },
): DocumentEntry {
  const text = stored.type ?? "";
  const type = documentTypeOf(text);
  return {
    type,
    typeAsWritten: stored.typeAsWritten ?? (CODES.has(text) ? "" : text),
    number: stored.number ?? "",
    issuingCountry: stored.issuingCountry ?? null,
    validFrom: stored.validFrom ?? null,
    expiry: stored.expiry ?? null,
  };
}
