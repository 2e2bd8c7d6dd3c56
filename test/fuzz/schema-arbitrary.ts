import fc from "fast-check";
import { hostileLeaf } from "./hostile-values.ts";

/** The part of JSON Schema (as the OpenAPI document writes it) the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

/** What the generator knows of the world it calls into. */
export interface Vocabulary {
  /** Ids of records in the caller's nation: valid references reach the handlers' deeper paths. */
  ownIds: readonly string[];
  /** Ids of records in another nation: every one must answer as if it did not exist. */
  foreignIds: readonly string[];
  /** Other values that exist (pathway ids, office ids, nation codes, years), offered where they fit. */
  knownStrings: readonly string[];
  /**
   * Weight of a hostile value against 8 for a valid one, at every leaf; 0 generates only schema-valid
   * input (as far as patterns allow).
   */
  hostility: number;
}

const SHORT = 24;

/** An arbitrary for values of `schema`, each leaf sometimes replaced by a hostile value. */
export function arbitraryFor(schema: JsonSchema | undefined, words: Vocabulary): fc.Arbitrary<unknown> {
  const valid = validFor(schema ?? {}, words);
  if (words.hostility <= 0) return valid;
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: words.hostility, arbitrary: hostileLeaf(words.foreignIds) },
  );
}

function validFor(schema: JsonSchema, words: Vocabulary): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => arbitraryFor(s, words)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validFor({ ...schema, type }, words)));
  switch (types[0]) {
    case "string":
      return stringFor(schema, words);
    case "integer":
      return fc.integer({ min: bound(schema.minimum, -1000), max: bound(schema.maximum, 100_000) });
    case "number":
      return fc.double({
        min: bound(schema.minimum, -1000),
        max: bound(schema.maximum, 100_000),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(arbitraryFor(schema.items, words), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case "object":
      return objectFor(schema, words);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function bound(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return Math.max(-2_147_483_648, Math.min(2_147_483_647, value));
}

function objectFor(schema: JsonSchema, words: Vocabulary): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0 && typeof schema.additionalProperties === "object")
    return fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      arbitraryFor(schema.additionalProperties, words),
      {
        maxKeys: 3,
      },
    );
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) model[name] = arbitraryFor(properties[name], words);
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => names.includes(k)) });
}

function stringFor(schema: JsonSchema, words: Vocabulary): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? SHORT, SHORT));
  const fitting = words.knownStrings.filter((s) => fits(s, schema));
  let generated: fc.Arbitrary<string>;
  switch (schema.format) {
    case "uuid":
      return fc.oneof(
        ...(words.ownIds.length ? [{ weight: 4, arbitrary: fc.constantFrom(...words.ownIds) }] : []),
        ...(words.foreignIds.length ? [{ weight: 2, arbitrary: fc.constantFrom(...words.foreignIds) }] : []),
        { weight: 1, arbitrary: fc.uuid() },
      );
    case "date":
      generated = day().map((d) => d.toISOString().slice(0, 10));
      break;
    case "date-time":
      generated = day().map((d) => d.toISOString());
      break;
    case "email":
      generated = fc.emailAddress();
      break;
    default:
      generated = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : fc.string({ unit: "grapheme", minLength: min, maxLength: max });
  }
  return fitting.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fitting) }, { weight: 2, arbitrary: generated })
    : generated;
}

function day(): fc.Arbitrary<Date> {
  return fc.date({ min: new Date("1900-01-01"), max: new Date("2099-12-31"), noInvalidDate: true });
}

function fits(value: string, schema: JsonSchema): boolean {
  if (schema.format === "uuid" || schema.format === "date" || schema.format === "date-time") return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  return schema.pattern ? new RegExp(schema.pattern).test(value) : true;
}

/** The strings of `value` that sit where `schema` expects a uuid: the references a body makes. */
export function referencesIn(schema: JsonSchema | undefined, value: unknown): string[] {
  if (!schema || value === null || value === undefined) return [];
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return [...new Set(choices.flatMap((s) => referencesIn(s, value)))];
  if (typeof value === "string") return schema.format === "uuid" ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => referencesIn(schema.items, v));
  if (typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
    return referencesIn(schema.properties?.[k] ?? extra, v);
  });
}
