import { z } from "zod";

/**
 * The document types a registrar may record. The nation-specific codes are a contract with the nations that
 * answer prior-residence questions from them: `col_ppt` (Colombia's Permiso por Protección Temporal), `col_pep`
 * (Colombia's Permiso Especial de Permanencia, the permit the PPT replaced), `bra_crnm` (Brazil's Carteira de
 * Registro Nacional Migratório), `mex_tvrh` (Mexico's Tarjeta de Visitante por Razones Humanitarias). Do not
 * rename them.
 */
export const DOCUMENT_TYPES = [
  "passport",
  "national_id",
  "birth_certificate",
  "col_ppt",
  "col_pep",
  "bra_crnm",
  "mex_tvrh",
  "refugee_id",
  "residence_permit",
  "other",
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

/**
 * The document types a prior-residence answer may rest on, with the nation a type's code itself names (null: the
 * issuing nation recorded on the document says). A refugee ID is left out on purpose: an answer naming it would
 * tell another nation that the person holds refugee status.
 */
export const RESIDENCE_DOCUMENT_ISSUERS: Readonly<Partial<Record<DocumentType, string | null>>> = {
  col_ppt: "COL",
  col_pep: "COL",
  bra_crnm: "BRA",
  mex_tvrh: "MEX",
  residence_permit: null,
};
