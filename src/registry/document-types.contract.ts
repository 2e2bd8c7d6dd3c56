import { z } from "zod";

/**
 * The document types a registrar may record. The nation-specific codes are a contract with the nations that
 * answer prior-residence questions from them: `col_ppt` (Colombia's Permiso por Protección Temporal), `bra_crnm`
 * (Brazil's Carteira de Registro Nacional Migratório), `mex_tvrh` (Mexico's Tarjeta de Visitante por Razones
 * Humanitarias). Do not rename them.
 */
export const DOCUMENT_TYPES = [
  "passport",
  "national_id",
  "birth_certificate",
  "col_ppt",
  "bra_crnm",
  "mex_tvrh",
  "refugee_id",
  "residence_permit",
  "other",
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;
