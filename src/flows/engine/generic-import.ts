import { z } from "zod";
import { citizenshipIso } from "./citizenship.ts";
import { normaliseHeaderName, parseNumber } from "./delimited-text.ts";
import { type Columns, type FieldReporter, field, type TableSpec } from "./flow-table.ts";

const dimensionSchema = z.strictObject({
  /** A row may leave this dimension empty. */
  optional: z.boolean().optional(),
  /** The only values allowed, when the list is closed. */
  values: z.array(z.string()).optional(),
  /** The column holds country labels or codes: an `<name>_iso` dimension is added where one is known. */
  country: z.boolean().optional(),
  description: z.string().optional(),
});

/** The schema file of a `generic` statistics file (JSON): see docs/flows.md. */
export const genericSchemaSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  period: z.enum(["month", "year"]),
  measures: z.array(z.string().min(1)).min(1).optional(),
  allowNegative: z.boolean().optional(),
  dimensions: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, "dimension names are snake_case"),
    dimensionSchema,
  ),
});

export type GenericSchema = z.infer<typeof genericSchemaSchema>;

/** Reads and checks a schema file's text; returns the schema or readable messages. */
export function parseGenericSchema(text: string): { schema?: GenericSchema; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  const result = genericSchemaSchema.safeParse(json);
  if (result.success) return { schema: result.data, errors: [] };
  return { errors: result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`) };
}

const periodPatterns = {
  month: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, expected: "a month like 2024-03" },
  year: { pattern: /^\d{4}$/, expected: "a year like 2024" },
};

/** The spec for a generic long file; without a schema every other column is an optional dimension. */
export function genericSpec(schema: GenericSchema | undefined, header: string[] = []): TableSpec {
  const dimensions = schema?.dimensions ?? inferredDimensions(header);
  const names = Object.keys(dimensions);
  return {
    required: ["period", "measure", "value", ...names],
    optional: [],
    toRows(fields, columns, emit, report) {
      const period = checkPeriod(fields, columns, schema, report);
      const measure = checkMeasure(fields, columns, schema, report);
      const value = checkValue(fields, columns, schema, report);
      const dims = genericDims(fields, columns, dimensions, report);
      if (period === undefined || measure === undefined || value === undefined || dims === undefined) return;
      emit({ period, measure, value, dims });
    },
  };
}

function inferredDimensions(header: string[]): GenericSchema["dimensions"] {
  const dims: GenericSchema["dimensions"] = {};
  for (const name of header.map(normaliseHeaderName)) {
    if (name !== "period" && name !== "measure" && name !== "value" && name !== "")
      dims[name] = { optional: true };
  }
  return dims;
}

function checkPeriod(
  fields: string[],
  columns: Columns,
  schema: GenericSchema | undefined,
  report: FieldReporter,
) {
  const text = field(fields, columns, "period");
  const allowed = schema ? [periodPatterns[schema.period]] : Object.values(periodPatterns);
  if (allowed.some((p) => p.pattern.test(text))) return text;
  report("period", allowed.map((p) => p.expected).join(" or "), `"${text}" is not a valid period`);
  return undefined;
}

function checkMeasure(
  fields: string[],
  columns: Columns,
  schema: GenericSchema | undefined,
  report: FieldReporter,
) {
  const text = field(fields, columns, "measure");
  if (text !== "" && (!schema?.measures || schema.measures.includes(text))) return text;
  report(
    "measure",
    schema?.measures ? `one of ${schema.measures.join(", ")}` : "a measure name",
    `"${text}" is not a known measure`,
  );
  return undefined;
}

function checkValue(
  fields: string[],
  columns: Columns,
  schema: GenericSchema | undefined,
  report: FieldReporter,
) {
  const text = field(fields, columns, "value");
  const value = parseNumber(text);
  if (value !== undefined && (value >= 0 || schema?.allowNegative)) return value;
  report(
    "value",
    schema?.allowNegative ? "a number" : "a non-negative number",
    `"${text}" is not a valid value`,
  );
  return undefined;
}

function genericDims(
  fields: string[],
  columns: Columns,
  dimensions: GenericSchema["dimensions"],
  report: FieldReporter,
): Record<string, string> | undefined {
  const dims: Record<string, string> = {};
  let ok = true;
  for (const [name, rule] of Object.entries(dimensions)) {
    const value = field(fields, columns, name);
    if (value === "") {
      if (!rule.optional) {
        report(name, "a value", `dimension "${name}" is empty`);
        ok = false;
      }
      continue;
    }
    if (rule.values && !rule.values.includes(value)) {
      report(name, `one of ${rule.values.join(", ")}`, `"${value}" is not allowed for "${name}"`);
      ok = false;
    }
    dims[name] = value;
    const iso = rule.country ? citizenshipIso(value) : undefined;
    if (iso !== undefined) dims[`${name}_iso`] = iso;
  }
  return ok ? dims : undefined;
}
