import { z } from "zod";
import { formatPath } from "../../shared/field-path.ts";
import type { PathProblem } from "../../shared/input-problem.ts";
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

/**
 * Pathways whose application is a claim for international protection: refugee resettlement and complementary
 * protection. Linking such an application to a registered person records the person as an asylum seeker
 * (unless a protection status is already recorded), which shields them from the nations they fled.
 */
export const PROTECTION_PATHWAY_TYPES: ReadonlySet<string> = new Set<PathwayType>([
  "resettlement",
  "complementary_protection",
]);

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
  places: z
    .number({ error: "expected a number of places" })
    .int()
    .min(0)
    .max(100_000_000, "expected at most 100,000,000 places"),
  period: z.enum(periods, { error: `expected a period: one of ${periods.join(", ")}` }).default("month"),
});

/** Whether a pathway takes applications on a date. */
export const pathwayStatuses = ["open", "suspended", "closed"] as const;
export type PathwayStatus = (typeof pathwayStatuses)[number];

/** How people reach a pathway: they apply, they apply once invited, or someone else refers them. */
export const accessModes = ["apply", "invitation", "referral"] as const;
export type AccessMode = (typeof accessModes)[number];

const StatusSchema = z.enum(pathwayStatuses, {
  error: `expected a status: one of ${pathwayStatuses.join(", ")}`,
});

/** One dated period of a pathway's status and the instrument that set it. */
const StatusPeriodSchema = z.strictObject({
  status: StatusSchema,
  from: DateText,
  until: DateText.optional(),
  source: z.string({ error: "expected `source`: the instrument that set this status" }).trim().min(1),
  /** What changed, said to applicants (shown as the reason when the pathway is not open). */
  change: TextsInputSchema.optional(),
});

/** A source of the pathway's facts and whether it has been checked against the official text. */
const SourceSchema = z.strictObject({
  cite: z.string({ error: "expected `cite`: the instrument, by title and date" }).trim().min(1),
  url: z.string().optional(),
  verification: z.enum(["verified", "to_be_verified"], {
    error: "expected `verification`: verified or to_be_verified",
  }),
  covers: z.string().optional(),
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
    /**
     * Nations whose pledged places may receive this pathway's households besides the pathway's own nation (a
     * pathway processed with partner nations); placement runs from applications allow only these places.
     */
    destinations: z.array(CountryCode).max(40, "expected at most 40 nations").optional(),
    opens: DateText.optional(),
    closes: DateText.optional(),
    processingDays: z.number().int().min(0).max(3650, "expected at most 3650 days").optional(),
    status: StatusSchema.optional(),
    statusHistory: z.array(StatusPeriodSchema).min(1).optional(),
    lastVerified: DateText.optional(),
    access: z.enum(accessModes, { error: `expected access: one of ${accessModes.join(", ")}` }).optional(),
    accessHow: TextsInputSchema.optional(),
    sources: z.array(SourceSchema).optional(),
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
    statusHistoryProblems(p.statusHistory ?? [], p.status, ctx);
    if ((p.access === "referral" || p.access === "invitation") && p.accessHow === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `expected \`accessHow\`: how people are ${p.access === "referral" ? "referred" : "invited"}`,
        path: ["accessHow"],
      });
    }
  });

type History = { status: PathwayStatus; from: string; until?: string | undefined }[];

/** Periods in date order, none overlapping, only the last open-ended; `status` agrees with the current one. */
function statusHistoryProblems(history: History, status: PathwayStatus | undefined, ctx: z.RefinementCtx) {
  history.forEach((period, i) => {
    const at = ["statusHistory", i];
    if (period.until !== undefined && period.until < period.from) {
      ctx.addIssue({
        code: "custom",
        message: "expected `until` on or after `from`",
        path: [...at, "until"],
      });
    }
    const next = history[i + 1];
    if (!next) return;
    if (period.until === undefined) {
      ctx.addIssue({
        code: "custom",
        message: "only the last period may be open-ended: give `until`",
        path: [...at, "until"],
      });
    } else if (next.from <= period.until) {
      ctx.addIssue({
        code: "custom",
        message: `expected periods in date order without overlap: this one starts on or before ${period.until}`,
        path: ["statusHistory", i + 1, "from"],
      });
    }
  });
  const last = history[history.length - 1];
  if (status !== undefined && last && last.until === undefined && last.status !== status) {
    ctx.addIssue({
      code: "custom",
      message: `\`status\` is ${status} but the current period of \`statusHistory\` says ${last.status}`,
      path: ["status"],
    });
  }
}

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

/** Turns Zod issues into located problems, looking inside union failures for the most specific cause. */
export function problemsFromZod(error: z.ZodError): PathProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path) || "(root)", message: issue.message }));
}
