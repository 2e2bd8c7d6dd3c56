/**
 * A problem found in an input (a file, a body, an argument), located for the person who has to fix it:
 * the one shape every parser, importer and command reports in.
 */
export interface InputProblem {
  file?: string;
  line?: number;
  /** 1-based column number, when the problem sits in one field. */
  column?: number;
  /** The field or header name. */
  field?: string;
  /** What was expected there, when it helps. */
  expected?: string;
  message: string;
}

/** An input problem whose line (and, with `F`, field) is always known. */
export type LineProblem<F extends "field" | never = never> = InputProblem & { line: number } & {
  [K in F]-?: string;
};

/** A problem in a structured input (a JSON document, a policy pack, a catalogue), located by its path. */
export interface PathProblem {
  /** Where, as `formatPath` writes it (`dispositions[2].acceptance[0]`), or `(top level)`. */
  path: string;
  message: string;
}
