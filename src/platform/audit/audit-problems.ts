import type { AuditProblemCode } from "./audit.contract.ts";

// Why a link of the audit log does not verify: a code with its parameters (the web words it in the reader's
// language) and the English sentence the command line and API clients read, made here and nowhere else.

/** The English sentence of each problem; `{name}` stands for a parameter. */
const ENGLISH: Record<AuditProblemCode, string> = {
  not_a_leaf: "it is not a leaf (it has no canonical text)",
  edited: "its content does not match its hash (the row was edited)",
  unreadable_leaf: "its canonical text does not read as a leaf: {detail}",
  columns_differ: "column {columns} differs from its hashed content (the row was edited)",
  not_chained: "it is not an event of the chained history",
  previous_hash_differs: "its previous-hash does not match the event before it",
  event_missing: "the event is missing (deleted)",
  changed_after_sequenced: "the event was changed after it was sequenced",
  log_ends_at_batch: "the log ends at batch {last} but its head says batch {head}",
  log_ends_at_position: "the log ends at position {last} but its head says {head}",
  last_head_differs: "the last batch's head does not match the log head",
  batches_missing: "batches {from}..{to} (positions {firstPosition}..{lastPosition}) are missing",
  range_start: "its range starts at {start}, not {expected}",
  previous_head_differs: "its previous head does not match the batch before it",
  batch_head_differs: "its head does not match its range, root and previous head",
  merkle_root_differs: "its Merkle root does not match the leaves the log recorded",
  chained_end_differs: "the chained history's last hash does not match its batch head",
  positions_missing: "log positions {from}..{to} are missing",
  wrong_batch: "its log entry names batch {batch}",
  entries_outside_batches: "log entries {from}..{to}: they belong to no batch",
  not_queued: "it is in no log position and not queued for one",
  queued_event_missing: "it was queued for sequencing but the event is missing (deleted)",
};

/** A problem found: its code and the values its sentence names. */
export interface AuditProblem {
  code: AuditProblemCode;
  params: Record<string, string | number>;
}

/** A problem with its parameters. */
export const problem = (
  code: AuditProblemCode,
  params: Record<string, string | number> = {},
): AuditProblem => ({
  code,
  params,
});

/** The English sentence of a problem, parameters filled in. */
export function problemText(p: AuditProblem): string {
  return ENGLISH[p.code].replace(/\{(\w+)\}/g, (_, name: string) => String(p.params[name] ?? `{${name}}`));
}

/** The parameter names each code's sentence uses (for the check that every language words them all). */
export function problemParameters(code: AuditProblemCode): string[] {
  return [...ENGLISH[code].matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}
