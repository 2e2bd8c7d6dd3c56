// One vocabulary of identity documents for every capability: the registry records them on a person, an office
// names the one it checked before issuing a new portal secret, the border moves a permit onto a person by them.

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

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number];
