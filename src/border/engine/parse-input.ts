import type { z } from "zod";
import { formatPath } from "../../shared/field-path.ts";
import type { PathProblem } from "../../shared/input-problem.ts";
import { AssessmentChecks, EncounterInput } from "../border.contract.ts";
import { PolicyPack } from "./policy-pack.ts";

// Text in, a validated object or located problems out: the same path for files, uploads and requests.

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: PathProblem[] };

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !(key in value))
      return { found: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.join(", ")}`;
  const at = valueAt(input, issue.path);
  if (issue.code === "invalid_type" && !at.found) return `required: expected ${issue.expected}`;
  if (!at.found || (at.value !== null && typeof at.value === "object")) return issue.message;
  const shown = JSON.stringify(at.value) ?? String(at.value);
  if (issue.message.includes(shown)) return issue.message;
  return `${issue.message}; got ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}

/** Validates an already-parsed value against `schema`, collecting every problem with its path. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => ({
    path: formatPath(issue.path) || "(top level)",
    message: describeIssue(issue, value),
  }));
  return { ok: false, problems };
}

function parseJsonWith<S extends z.ZodType>(schema: S, text: string): ParseResult<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: "(top level)", message: `invalid JSON: ${detail}` }] };
  }
  return validateWith(schema, value);
}

/** Parses and validates a policy pack from its JSON text. */
export function parsePolicyPack(text: string): ParseResult<PolicyPack> {
  return parseJsonWith(PolicyPack, text);
}

/** Parses and validates one encounter from its JSON text. */
export function parseEncounter(text: string): ParseResult<EncounterInput> {
  return parseJsonWith(EncounterInput, text);
}

/** Parses and validates the partner nations' check answers from their JSON text. */
export function parseChecks(text: string): ParseResult<AssessmentChecks> {
  return parseJsonWith(AssessmentChecks, text);
}
