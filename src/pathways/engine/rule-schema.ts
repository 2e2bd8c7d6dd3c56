import { z } from "zod";
import { normaliseRuleInput } from "./rule-normalise.ts";
import { leafKinds, type Rule } from "./rule-types.ts";

/** True when YYYY-MM-DD names a real calendar day. */
export function isRealDate(text: string): boolean {
  const [y, m, d] = text.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date written YYYY-MM-DD (a full ISO timestamp is cut to its date). */
export const DateText = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().slice(0, 10) : v),
  z
    .string({ error: "expected a date written YYYY-MM-DD" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD")
    .refine(isRealDate, "expected a real calendar date YYYY-MM-DD"),
);

/** An ISO 3166 alpha-3 country code, in any letter case. */
export const CountryCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z
    .string({ error: "expected an ISO 3166 alpha-3 country code such as VEN" })
    .regex(/^[A-Z]{3}$/, "expected an ISO 3166 alpha-3 country code such as VEN"),
);

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v !== undefined && !Array.isArray(v) ? [v] : v), z.array(item).min(1));

const Code = z.string().trim().min(1, "expected a non-empty code");
const Codes = oneOrMany(z.preprocess((v) => (typeof v === "string" ? v.trim() : v), Code));
const Countries = oneOrMany(CountryCode);

/** Text in one string or per language (es, en, pt, fr, ht). */
export const TextsInputSchema = z.union([z.string(), z.record(z.string(), z.string())], {
  error: 'expected a text: a string, or an object such as {"en": "…", "es": "…"}',
});

const leafCommon = {
  id: z.string().optional(),
  note: z.string().optional(),
  source: z.string().optional(),
  reason: z
    .strictObject({
      eligible: TextsInputSchema.optional(),
      not_eligible: TextsInputSchema.optional(),
      maybe: TextsInputSchema.optional(),
    })
    .optional(),
};

const answerTypes = ["boolean", "choice", "multi_choice", "country", "date", "number"] as const;
const Age = z.number({ error: "expected an age in whole years" }).int().min(0).max(150);

const leafSchemas = [
  z.strictObject({ kind: z.literal("nationality"), in: Countries, ...leafCommon }),
  z.strictObject({ kind: z.literal("presence"), country: CountryCode, onOrBefore: DateText, ...leafCommon }),
  z
    .strictObject({ kind: z.literal("age"), min: Age.optional(), max: Age.optional(), ...leafCommon })
    .refine((r) => r.min !== undefined || r.max !== undefined, "expected `min`, `max` or both"),
  z.strictObject({ kind: z.literal("family_tie"), country: CountryCode, relations: Codes, ...leafCommon }),
  z.strictObject({ kind: z.literal("sponsor"), country: CountryCode, ...leafCommon }),
  z.strictObject({
    kind: z.literal("job_offer"),
    country: CountryCode,
    sectors: Codes.optional(),
    ...leafCommon,
  }),
  z.strictObject({ kind: z.literal("vulnerability"), categories: Codes, ...leafCommon }),
  z.strictObject({ kind: z.literal("exclusion"), grounds: Codes, ...leafCommon }),
  z.strictObject({ kind: z.literal("outside"), country: CountryCode, ...leafCommon }),
  z.strictObject({ kind: z.literal("status_elsewhere"), statuses: Codes, ...leafCommon }),
  z.strictObject({
    kind: z.literal("irregular_entry"),
    countries: Countries,
    after: DateText,
    ...leafCommon,
  }),
  z.strictObject({
    kind: z.literal("answer"),
    question: z.string().regex(/^[A-Za-z0-9_.-]+$/, "expected a question id of letters, digits, _ . -"),
    type: z.enum(answerTypes, { error: `expected one of ${answerTypes.join(", ")}` }),
    text: TextsInputSchema.optional(),
    options: Codes.optional(),
    equals: z.boolean().optional(),
    in: Codes.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    onOrBefore: DateText.optional(),
    onOrAfter: DateText.optional(),
    ...leafCommon,
  }),
];

function unknownKind(input: unknown): string {
  const kind = typeof input === "object" && input !== null ? (input as { kind?: unknown }).kind : undefined;
  return kind === undefined ? "" : `unknown rule kind ${JSON.stringify(kind)}; `;
}

const kindList = ["all", "any", "not", ...leafKinds].join(", ");

/** One rule: a combinator ({all:[…]}, {any:[…]}, {not:…}) or a leaf with a `kind`. */
export const RuleSchema: z.ZodType<Rule, unknown> = z.lazy(() =>
  z.preprocess(
    normaliseRuleInput,
    z.discriminatedUnion(
      "kind",
      [
        z.strictObject({
          kind: z.literal("all"),
          all: z.array(RuleSchema).min(1),
          id: z.string().optional(),
          note: z.string().optional(),
        }),
        z.strictObject({
          kind: z.literal("any"),
          any: z.array(RuleSchema).min(1),
          id: z.string().optional(),
          note: z.string().optional(),
        }),
        z.strictObject({
          kind: z.literal("not"),
          not: RuleSchema,
          id: z.string().optional(),
          note: z.string().optional(),
        }),
        ...leafSchemas,
      ],
      {
        error: (issue) =>
          `${unknownKind(issue.input)}expected a rule: "kind" one of ${kindList}, or {"all": […]}, {"any": […]}, {"not": {…}}`,
      },
    ),
  ),
) as z.ZodType<Rule, unknown>;
