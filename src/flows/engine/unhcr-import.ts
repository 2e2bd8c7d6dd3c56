import { parseNumber } from "./delimited-text.ts";
import { type Columns, type FieldReporter, field, type TableSpec } from "./flow-table.ts";

const placeColumns = ["year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso"];

/** Origin and asylum country as dimensions: the label as published and its ISO code beside it. */
function placeDims(fields: string[], columns: Columns): Record<string, string> {
  const dims: Record<string, string> = {};
  const put = (key: string, column: string): void => {
    const value = field(fields, columns, column);
    if (value !== "" && value !== "-") dims[key] = value;
  };
  put("origin", "coo_name");
  put("origin_iso", "coo_iso");
  put("asylum_country", "coa_name");
  put("asylum_country_iso", "coa_iso");
  return dims;
}

function yearOf(fields: string[], columns: Columns, report: FieldReporter): string | undefined {
  const text = field(fields, columns, "year");
  if (/^\d{4}$/.test(text)) return text;
  report("year", "a four-digit year", `"${text}" is not a year`);
  return undefined;
}

/**
 * A wide UNHCR table (one column per measure) read into one row per non-empty measure. An empty cell means
 * "not reported" and yields no row, which is not the same as a reported zero.
 */
function unhcrSpec(measures: string[], extraDims: string[] = []): TableSpec {
  return {
    required: [...placeColumns, ...extraDims, ...measures],
    optional: [],
    toRows(fields, columns, emit, report) {
      const period = yearOf(fields, columns, report);
      const dims = placeDims(fields, columns);
      for (const name of extraDims) {
        const value = field(fields, columns, name);
        if (value !== "") dims[name] = value;
      }
      for (const measure of measures) {
        const text = field(fields, columns, measure);
        if (text === "") continue;
        const value = parseNumber(text);
        if (value === undefined || value < 0) {
          report(measure, "a non-negative number or an empty cell", `"${text}" is not a number`);
          continue;
        }
        if (period !== undefined) emit({ period, measure, value, dims });
      }
    },
  };
}

/** UNHCR population figures by origin and country of asylum. */
export const unhcrPopulationSpec = unhcrSpec([
  "refugees",
  "asylum_seekers",
  "returned_refugees",
  "idps",
  "returned_idps",
  "stateless",
  "ooc",
  "oip",
  "hst",
]);

/** UNHCR asylum applications, with procedure, application type, decision level and person/case count. */
export const unhcrAsylumSpec = unhcrSpec(["applied"], ["procedure_type", "app_type", "dec_level", "app_pc"]);

/** UNHCR durable solutions: returns, resettlement, naturalisation. */
export const unhcrSolutionsSpec = unhcrSpec([
  "returned_refugees",
  "resettlement",
  "naturalisation",
  "returned_idps",
]);

/** UNHCR new displacement flows during the year. */
export const unhcrFlowsSpec = unhcrSpec(["refugees", "asylum_seekers", "refugee_like", "oip"]);
