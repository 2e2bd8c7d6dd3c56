import type { InputProblem } from "../../shared/input-problem.ts";
import { FlowSourceName } from "../flows.contract.ts";
/** Every statistics source the importer understands; `generic` is a partner nation's own long format. */
export const flowSources = FlowSourceName.options;

export type FlowSource = (typeof flowSources)[number];

/**
 * The nation whose border the figures of a source describe (CBP's files count encounters at US borders),
 * `null` for worldwide statistics (UNHCR), `undefined` when the importing nation's own (generic).
 */
export const sourceJurisdiction: Record<FlowSource, string | null | undefined> = {
  "cbp-aor": "USA",
  "cbp-state": "USA",
  "usbp-sectors": "USA",
  "unhcr-population": null,
  "unhcr-asylum": null,
  "unhcr-solutions": null,
  "unhcr-flows": null,
  generic: undefined,
};

/**
 * One normalised observation, the same shape for every source, ready for a bulk insert:
 * `period` is `YYYY-MM` (monthly, calendar month) or `YYYY` (yearly); `measure` names what is counted
 * (`encounters`, `refugees`, `applied`, …); `dims` holds the breakdown with snake_case keys, the original
 * labels kept, and an `*_iso` companion (ISO 3166 alpha-3) beside any country label that has one.
 * Empty dimension values are left out. The source is carried once per file, on {@link ParsedFlowFile}.
 */
export interface FlowRow {
  period: string;
  measure: string;
  value: number;
  dims: Record<string, string>;
}

/** A located problem in an input file: where it is and what was expected there. */
export type FlowProblem = InputProblem & { file: string; line: number };

/** What parsing one file gives: its rows, or the first problems and how many there were in total. */
export interface ParsedFlowFile {
  file: string;
  /** The source read, or null when the header matched none. */
  source: FlowSource | null;
  /** sha256 of the file's bytes, hex: the same file imported twice is recognised by it. */
  contentHash: string;
  rows: FlowRow[];
  /** The first {@link problemLimit} problems. */
  problems: FlowProblem[];
  problemCount: number;
  /** Data records read (header and blank lines excluded). */
  recordCount: number;
}

/** How many problems a parse keeps in full; the rest are only counted. */
export const problemLimit = 20;

/** Collects problems, keeping the first few and counting all. */
export class ProblemList {
  readonly items: FlowProblem[] = [];
  count = 0;

  constructor(
    readonly file: string,
    readonly limit = problemLimit,
  ) {}

  /** Records one problem at a line (and optionally a column). */
  add(problem: Omit<FlowProblem, "file">): void {
    this.count++;
    if (this.items.length < this.limit) this.items.push({ file: this.file, ...problem });
  }
}
