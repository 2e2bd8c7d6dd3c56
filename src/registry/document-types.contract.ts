import { z } from "zod";
import { DOCUMENT_TYPES } from "../shared/document-types.ts";

export { DOCUMENT_TYPES };
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
