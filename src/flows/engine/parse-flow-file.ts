import { createHash } from "node:crypto";
import { readDelimitedRecords } from "../../shared/delimited-records.ts";
import { decodeStrictText } from "../../shared/strict-text.ts";
import { cbpAorSpec, cbpStateSpec, usbpSectorsSpec } from "./cbp-import.ts";
import { detectDelimiter, firstLine, normaliseHeaderName, stripBom } from "./delimited-text.ts";
import type { TableSpec } from "./flow-table.ts";
import { parseTable } from "./flow-table.ts";
import type { FlowSource, ParsedFlowFile } from "./flows-types.ts";
import { type GenericSchema, genericSpec } from "./generic-import.ts";
import { unhcrAsylumSpec, unhcrFlowsSpec, unhcrPopulationSpec, unhcrSolutionsSpec } from "./unhcr-import.ts";

/** sha256 of a file's bytes as hex: the identity of a release's content. */
export function contentHash(content: Uint8Array | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Header columns that identify each source, checked in order (the most specific first). */
const signatures: [FlowSource, string[]][] = [
  ["cbp-aor", ["fiscal_year", "month_abbv", "area_of_responsibility", "encounter_count"]],
  ["cbp-state", ["fiscal_year", "month_abbv", "state", "encounter_count"]],
  ["usbp-sectors", ["month", "fy", "southwest_border", "monthly_total"]],
  ["unhcr-asylum", ["year", "coo_iso", "coa_iso", "applied"]],
  ["unhcr-population", ["year", "coo_iso", "coa_iso", "stateless"]],
  ["unhcr-solutions", ["year", "coo_iso", "coa_iso", "resettlement"]],
  ["unhcr-flows", ["year", "coo_iso", "coa_iso", "refugee_like"]],
  ["generic", ["period", "measure", "value"]],
];

/** The source a file's header belongs to, or undefined when no known source matches. */
export function detectSource(text: string): FlowSource | undefined {
  const header = headerNames(text);
  const names = new Set(header.map(normaliseHeaderName));
  return signatures.find(([, required]) => required.every((name) => names.has(name)))?.[0];
}

function headerNames(text: string): string[] {
  const clean = stripBom(text);
  const line = firstLine(clean);
  const first = readDelimitedRecords(line, detectDelimiter(line)).next();
  return first.done ? [] : first.value.fields;
}

function specFor(source: FlowSource, text: string, schema?: GenericSchema): TableSpec {
  switch (source) {
    case "cbp-aor":
      return cbpAorSpec;
    case "cbp-state":
      return cbpStateSpec;
    case "usbp-sectors":
      return usbpSectorsSpec;
    case "unhcr-population":
      return unhcrPopulationSpec;
    case "unhcr-asylum":
      return unhcrAsylumSpec;
    case "unhcr-solutions":
      return unhcrSolutionsSpec;
    case "unhcr-flows":
      return unhcrFlowsSpec;
    case "generic":
      return genericSpec(schema, headerNames(text));
  }
}

export interface ParseFlowOptions {
  /** The file name used in problems. */
  file: string;
  /** A source, or "auto" (the default) to detect it from the header. */
  source?: FlowSource | "auto";
  /** The schema of a generic file; without one, every extra column is an optional dimension. */
  schema?: GenericSchema;
}

/** Parses one statistics file (bytes or text) into normalised rows, or located problems; never throws on content. */
export function parseFlowFile(content: Uint8Array | string, options: ParseFlowOptions): ParsedFlowFile {
  const hash = contentHash(content);
  const decoded = decodeStrictText(content, { delimiter: "auto" });
  if (!decoded.ok) {
    const { line, column, field, character, message } = decoded.fault;
    const problem = {
      file: options.file,
      line,
      column,
      field,
      message: `${message} (at character ${character})`,
    };
    return { ...unreadFile(options.file, hash), problems: [problem], problemCount: 1 };
  }
  const text = decoded.text;
  const requested = options.source ?? "auto";
  const source = requested === "auto" ? detectSource(text) : requested;
  if (source === undefined) {
    const header = headerNames(text).join(",");
    return {
      ...unreadFile(options.file, hash),
      problems: [
        {
          file: options.file,
          line: 1,
          expected: "the header of a known source (CBP, USBP sectors, UNHCR) or period,measure,value",
          message: `unknown header "${header.slice(0, 120)}"`,
        },
      ],
      problemCount: 1,
    };
  }
  const table = parseTable(text, options.file, specFor(source, text, options.schema));
  return {
    file: options.file,
    source,
    contentHash: hash,
    rows: table.problems.count === 0 ? table.rows : [],
    problems: table.problems.items,
    problemCount: table.problems.count,
    recordCount: table.recordCount,
  };
}

function unreadFile(file: string, contentHash: string): ParsedFlowFile {
  return { file, source: null, contentHash, rows: [], problems: [], problemCount: 0, recordCount: 0 };
}
