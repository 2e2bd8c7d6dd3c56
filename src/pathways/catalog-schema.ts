import { z } from "zod";
import { snakeCase } from "./rule-normalise.ts";
import { CountryCode, DateText, RuleSchema, TextsInputSchema } from "./rule-schema.ts";

export const pathwayTypes = [
  "resettlement",
  "humanitarian_parole",
  "family_reunification",
  "labour",
  "study",
  "complementary_protection",
  "regularisation",
] as const;
export type PathwayType = (typeof pathwayTypes)[number];

const typeAliases: Record<string, PathwayType> = {
  labor: "labour",
  parole: "humanitarian_parole",
  regularization: "regularisation",
  family: "family_reunification",
  protection: "complementary_protection",
  temporary_protection: "complementary_protection",
};

const PathwayTypeSchema = z.preprocess(
  (v) => (typeof v === "string" ? (typeAliases[snakeCase(v)] ?? snakeCase(v)) : v),
  z.enum(pathwayTypes, { error: `expected a pathway type: one of ${pathwayTypes.join(", ")}` }),
);

export const periods = ["day", "week", "month", "quarter", "year"] as const;
export type Period = (typeof periods)[number];

const CapacitySchema = z.object({
  places: z.number({ error: "expected a number of places" }).int().min(0),
  period: z.enum(periods, { error: `expected a period: one of ${periods.join(", ")}` }).default("month"),
});

/** Rules given as one rule or a list (a list means every rule must hold). */
const RulesInput = z.preprocess((v) => (Array.isArray(v) ? { all: v } : v), RuleSchema);

const RuleSetSchema = z.object({
  version: z.union([z.string(), z.number()]).transform(String),
  effectiveFrom: DateText.optional(),
  effectiveTo: DateText.optional(),
  rules: RulesInput,
});

/** One pathway as written in a catalogue file: only `id` and rules are required. */
export const PathwayInputSchema = z
  .object({
    id: z
      .string({ error: "expected a pathway id (a string)" })
      .trim()
      .min(1, "expected a non-empty pathway id"),
    nation: CountryCode.optional(),
    type: PathwayTypeSchema.optional(),
    example: z.boolean().optional(),
    note: z.string().optional(),
    title: TextsInputSchema.optional(),
    summary: TextsInputSchema.optional(),
    documents: z.array(TextsInputSchema).optional(),
    capacity: CapacitySchema.optional(),
    opens: DateText.optional(),
    closes: DateText.optional(),
    processingDays: z.number().int().min(0).optional(),
    rules: RulesInput.optional(),
    ruleSets: z.array(RuleSetSchema).min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.rules === undefined && p.ruleSets === undefined) {
      ctx.addIssue({
        code: "custom",
        message: "expected `rules` (one rule or a list) or `ruleSets`",
        path: ["rules"],
      });
    }
    if (p.rules !== undefined && p.ruleSets !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: "give either `rules` or `ruleSets`, not both",
        path: ["ruleSets"],
      });
    }
    if (p.opens && p.closes && p.closes < p.opens) {
      ctx.addIssue({ code: "custom", message: "expected `closes` on or after `opens`", path: ["closes"] });
    }
  });

export type PathwayInput = z.infer<typeof PathwayInputSchema>;

/** A catalogue file: `{ "pathways": [...] }` or just the list of pathways. */
export const CatalogInputSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { pathways: v } : v),
  z.object(
    {
      version: z.union([z.string(), z.number()]).optional(),
      note: z.string().optional(),
      pathways: z.array(PathwayInputSchema, { error: "expected `pathways`: a list of pathways" }),
    },
    { error: 'expected a catalogue: {"pathways": [ … ]} or a list of pathways' },
  ),
);

export type CatalogInput = z.infer<typeof CatalogInputSchema>;

/** A problem in an input file: where (JSON path) and what was expected. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** Writes a Zod issue path the way people read JSON: pathways[0].rules.all[1].in */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/** Turns Zod issues into located problems, looking inside union failures for the most specific cause. */
export function problemsFromZod(error: z.ZodError): SchemaProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
