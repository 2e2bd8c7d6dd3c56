import type { SealedPerson } from "./person-seal.codec.ts";

/**
 * A chunk of sealed people as the bulk insert sends it: one text per column, the rows' values separated by a
 * comma and the elements of a row's list (terms, filter terms, shielded nations) by a space; an empty value is
 * a null. A chunk crosses from a sealing thread as a dozen strings instead of thousands of objects, and goes to
 * the database as a dozen parameters that the server splits again (`insertPeopleBulk`). Every value is made of
 * the key id's letters, base64 or base64url and nation codes, none of which holds a comma or a space.
 */
export interface SealedBatch {
  count: number;
  external_key: string;
  external_id_enc: string;
  given_names_enc: string;
  surnames_enc: string;
  sex_enc: string;
  birth_date_enc: string;
  details_enc: string;
  terms: string;
  filter_terms: string;
  clk: string;
  name_dob_clk: string;
  shielded_from: string;
}

/** What no packed value may hold: the separators, and a value that could not be split back. */
const SEPARATOR = /[, ]/;

/** Packs sealed people (in order) into one text per column. */
export function packSealed(rows: readonly SealedPerson[]): SealedBatch {
  const scalar = (pick: (r: SealedPerson) => string | null) =>
    rows.map((r) => checked(pick(r) ?? "")).join(",");
  const list = (pick: (r: SealedPerson) => readonly string[]) =>
    rows.map((r) => pick(r).map(checked).join(" ")).join(",");
  const bytes = (b: Uint8Array | null) => (b === null ? "" : Buffer.from(b).toString("base64"));
  return {
    count: rows.length,
    external_key: scalar((r) => r.external_key),
    external_id_enc: scalar((r) => r.external_id_enc),
    given_names_enc: scalar((r) => r.given_names_enc),
    surnames_enc: scalar((r) => r.surnames_enc),
    sex_enc: scalar((r) => r.sex_enc),
    birth_date_enc: scalar((r) => r.birth_date_enc),
    details_enc: scalar((r) => r.details_enc),
    terms: list((r) => r.terms),
    filter_terms: list((r) => r.filter_terms),
    clk: rows.map((r) => bytes(r.clk)).join(","),
    name_dob_clk: rows.map((r) => bytes(r.name_dob_clk)).join(","),
    shielded_from: list((r) => r.shielded_from),
  };
}

function checked(value: string): string {
  if (SEPARATOR.test(value)) throw new Error("a sealed value holds a separator and cannot be packed");
  return value;
}

/** The values of one packed column, one per row (an empty value for a null). */
export function packedValues(batch: SealedBatch, column: Exclude<keyof SealedBatch, "count">): string[] {
  const text = batch[column];
  return batch.count === 1 ? [text] : text.split(",");
}
